import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInPath, tenantSlugFromHost } from "./routes";

describe("tenant from hostname", () => {
  it("takes the label in front of the configured portal domain", () => {
    expect(tenantSlugFromHost("acme.desktops.example.com", "desktops.example.com")).toBe("acme");
    expect(tenantSlugFromHost("ACME.desktops.example.com:3000", "desktops.example.com")).toBe("acme");
  });

  it("finds no tenant outside the domain, on the bare domain, for nested labels or without configuration", () => {
    expect(tenantSlugFromHost("acme.other.com", "desktops.example.com")).toBeNull();
    expect(tenantSlugFromHost("desktops.example.com", "desktops.example.com")).toBeNull();
    expect(tenantSlugFromHost("a.b.desktops.example.com", "desktops.example.com")).toBeNull();
    expect(tenantSlugFromHost("127.0.0.1:3000", undefined)).toBeNull();
    expect(tenantSlugFromHost(null, "desktops.example.com")).toBeNull();
  });
});

describe("sign-in paths", () => {
  it("sends tenant users to their tenant's page and MSP staff to the plain one", () => {
    expect(signInPath("acme")).toBe("/t/acme");
    expect(signInPath(null)).toBe("/signin");
  });

  it("follows only same-site callback paths", () => {
    expect(safeCallbackPath("/console/users?q=a")).toBe("/console/users?q=a");
    expect(safeCallbackPath("https://evil.example")).toBe("/");
    expect(safeCallbackPath("//evil.example")).toBe("/");
    expect(safeCallbackPath("/\\evil.example")).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
  });
});
