import { IdentityProviderKind } from "@atrium/schema";
import { validate } from "class-validator";
import { type GraphQLSchema, isInputObjectType, isObjectType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAppSchema } from "../../server/schema.js";
import { SECRET_FIELD, SETTINGS_SCHEMAS } from "./provider-config.schemas.js";
import { LdapSettingsInput } from "./provider-settings.inputs.js";
import { ldapTlsSchema, radiusServerSchema } from "./providers/identity-provider.schemas.js";

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildAppSchema();
});

const fieldsOf = (name: string) => {
  const type = schema.getType(name);
  if (!isObjectType(type) && !isInputObjectType(type)) throw new Error(`${name} is not an object or input type`);
  return Object.keys(type.getFields()).sort();
};

const TYPE_NAMES: Record<IdentityProviderKind, string> = {
  ldap: "LdapSettings",
  saml: "SamlSettings",
  oidc: "OidcSettings",
  radius: "RadiusSettings",
};

/** Input-only fields: the SAML metadata document is read, not stored. */
const READ_ONLY_INPUT: Partial<Record<IdentityProviderKind, string[]>> = { saml: ["metadataXml"] };

describe("typed identity provider settings", () => {
  it("show exactly what is stored of each kind, never its secret", () => {
    for (const kind of Object.values(IdentityProviderKind)) {
      expect(fieldsOf(TYPE_NAMES[kind]), kind).toEqual(Object.keys(SETTINGS_SCHEMAS[kind].shape).sort());
      if (SECRET_FIELD[kind]) expect(fieldsOf(TYPE_NAMES[kind])).not.toContain(SECRET_FIELD[kind]);
    }
    expect(fieldsOf("LdapTls")).toEqual(Object.keys(ldapTlsSchema.shape).sort());
    expect(fieldsOf("RadiusServer")).toEqual(Object.keys(radiusServerSchema.shape).sort());
  });

  it("take what is stored of each kind, plus its write-only secret", () => {
    for (const kind of Object.values(IdentityProviderKind)) {
      const secret = SECRET_FIELD[kind];
      const expected = [
        ...Object.keys(SETTINGS_SCHEMAS[kind].shape),
        ...(secret ? [secret] : []),
        ...(READ_ONLY_INPUT[kind] ?? []),
      ];
      expect(fieldsOf(`${TYPE_NAMES[kind]}Input`), kind).toEqual(expected.sort());
    }
    expect(fieldsOf("LdapTlsInput")).toEqual(Object.keys(ldapTlsSchema.shape).sort());
    expect(fieldsOf("RadiusServerInput")).toEqual(Object.keys(radiusServerSchema.shape).sort());
    expect(fieldsOf("IdentityProviderSettingsInput")).toEqual(Object.values(IdentityProviderKind).sort());
  });

  it("check each field with its storage rule and name the field at fault", async () => {
    const input = Object.assign(new LdapSettingsInput(), {
      urls: ["http://not-ldap"],
      bindDn: "cn=svc,dc=example,dc=test",
      searchBase: "dc=example,dc=test",
      userFilter: "(uid=*))(|(uid=*",
      nestedGroupDepth: 11,
    });
    const errors = await validate(input);
    expect(Object.fromEntries(errors.map((error) => [error.property, Object.values(error.constraints ?? {})]))).toEqual(
      {
        urls: ["urls.0 must be ldap://host[:port] or ldaps://host[:port]"],
        userFilter: ["userFilter must be one complete LDAP filter in parentheses"],
        nestedGroupDepth: [expect.stringMatching(/^nestedGroupDepth Too big/)],
      },
    );
    const good = Object.assign(new LdapSettingsInput(), {
      urls: ["ldaps://dc1.example.test"],
      bindDn: "svc@example.test",
      searchBase: "dc=example,dc=test",
    });
    expect(await validate(good)).toEqual([]);
  });
});
