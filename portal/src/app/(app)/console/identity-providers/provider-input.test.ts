import { describe, expect, it } from "vitest";
import { providerInputOf, providerTarget } from "./provider-input";

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.append(name, value);
  return data;
}

describe("identity provider form → typed settings", () => {
  it("sends only the chosen kind's settings, its secret among them, and leaves empty optional fields out", () => {
    const { input, errors } = providerInputOf(
      form({
        name: " Corp AD ",
        kind: "LDAP",
        urls: "ldaps://dc1.corp.test\nldaps://dc2.corp.test",
        security: "LDAPS",
        bindDn: "svc@corp.test",
        bindPassword: "Svc-Pass-1",
        searchBase: "dc=corp,dc=test",
        loginAttribute: "SAM_ACCOUNT_NAME",
        userFilter: "",
        issuer: "https://left-over.example.test",
      }),
    );
    expect(errors).toEqual({});
    expect(input).toEqual({
      name: "Corp AD",
      priority: 100,
      enabled: false,
      settings: {
        ldap: {
          urls: ["ldaps://dc1.corp.test", "ldaps://dc2.corp.test"],
          security: "LDAPS",
          bindDn: "svc@corp.test",
          bindPassword: "Svc-Pass-1",
          searchBase: "dc=corp,dc=test",
          loginAttribute: "SAM_ACCOUNT_NAME",
          userFilter: null,
          groupSearchBase: null,
        },
      },
    });
  });

  it("reads a RADIUS server and names a missing kind", () => {
    const radius = providerInputOf(form({ name: "MFA", kind: "RADIUS", host: "10.0.0.5", port: "1645", secret: "s" }));
    expect(radius.input.settings).toEqual({ radius: { servers: [{ host: "10.0.0.5", port: 1645 }], secret: "s" } });
    expect(providerInputOf(form({ name: "X", kind: "kerberos" })).errors).toEqual({ kind: "Pick a kind." });
  });

  it("says where a provider points from its typed settings", () => {
    const servers = [
      { host: "10.0.0.5", port: 1812 },
      { host: "10.0.0.6", port: 1645 },
    ];
    expect(providerTarget({ __typename: "RadiusSettings", servers })).toBe("10.0.0.5:1812, 10.0.0.6:1645");
    expect(providerTarget({ __typename: "OidcSettings", issuer: "https://login.example.test" })).toBe(
      "https://login.example.test",
    );
  });
});
