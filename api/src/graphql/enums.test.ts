import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from "graphql";
import { describe, expect, it } from "vitest";
import { buildAppSchema } from "../server/schema.js";
import { GRAPHQL_ENUMS } from "./enums.js";

/** Names that mean "one of a known list" wherever they appear (whole name, or the end of a camelCase name). */
const CLOSED_SET_NAME =
  /^(kind|state|status|reason|role|roles|protocol|protocols|action|actions|availability|effect|operator|method|methods|mfa|outcome|level|source|scopes|days|format|period|report|groupBy|tlsMode|sortOrder|viaGateway|gateway|on[A-Z]\w*)$|(Kind|Kinds|State|Status|Type|Action|Actions|Reason|Role|Protocol|Mode)$/;

/**
 * Fields that look like closed sets but are not, each with the reason. Everything else matching CLOSED_SET_NAME
 * must be a GraphQL enum.
 */
const OPEN_BY_DESIGN: Record<string, string> = {
  "AuditEvent.action": "the mutation that was audited: grows with every new mutation",
  "AuditFilter.action": "filters AuditEvent.action",
  "AuditFilter.targetType": "filters AuditEvent.targetType",
  "AuditEvent.targetType": "the entity an audited mutation touched: grows with the API",
  "CloudImage.status": "reported verbatim by the cloud's image service",
  "CloudImage.osType": "the image's os_type property, free text set by whoever uploaded it",
  "Pool.statusReason": "a sentence for the admin (why the pool was paused)",
  "Desktop.serverStatus": "raw cloud status with its running task, e.g. SHUTOFF/powering-on",
  "AssignmentHistoryEntry.releaseReason": "a report row: the label printed in the CSV and PDF",
  "LoginHistoryEntry.mfa": "a report row: the label printed in the CSV and PDF",
  "LoginHistoryEntry.reason": "a report row: the stored reason text printed in the CSV and PDF",
  "LoginEvent.reason": "a reason code followed by free detail (code: detail) for people reading the log",
  "OidcSettings.scopes": "OAuth scopes are whatever tokens the identity provider defines",
  "OidcSettingsInput.scopes": "OAuth scopes are whatever tokens the identity provider defines",
  "IdentityProviderTestResult.reason":
    "a failure code that differs per provider kind and check (unreachable, bind_failed, pkce_unsupported…)",
};

type Named = { name: string; type: GraphQLField<unknown, unknown>["type"] | GraphQLInputField["type"] };

async function closedSetFields(): Promise<{ path: string; typeName: string; isEnum: boolean }[]> {
  const schema = await buildAppSchema();
  const found: { path: string; typeName: string; isEnum: boolean }[] = [];
  const check = (path: string, field: Named) => {
    if (!CLOSED_SET_NAME.test(field.name)) return;
    const named = getNamedType(field.type);
    if (named.name === "ID" || named.name === "Boolean" || named.name === "Int") return;
    if (!isEnumType(named) && (isObjectType(named) || isInputObjectType(named) || isInterfaceType(named))) return;
    found.push({ path, typeName: named.name, isEnum: isEnumType(named) });
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field);
        for (const arg of field.args as readonly GraphQLArgument[])
          check(`${type.name}.${field.name}(${arg.name})`, arg);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field);
    }
  }
  return found;
}

describe("GraphQL closed sets", () => {
  it("exposes every closed-set field and argument as an enum, not a String", async () => {
    const fields = await closedSetFields();
    const stringly = fields
      .filter((field) => !field.isEnum && !(field.path in OPEN_BY_DESIGN))
      .map((field) => `${field.path}: ${field.typeName}`);
    expect(stringly).toEqual([]);
    // The check must be looking at something: the vocabulary matches dozens of enum fields today.
    expect(fields.filter((field) => field.isEnum).length).toBeGreaterThan(80);
  });

  it("lists no exception that has become an enum or disappeared", async () => {
    const stillOpen = new Set((await closedSetFields()).filter((f) => !f.isEnum).map((f) => f.path));
    expect(Object.keys(OPEN_BY_DESIGN).filter((path) => !stillOpen.has(path))).toEqual([]);
  });

  it("registers each enum once, with UPPER_SNAKE names over distinct stored values", () => {
    const names = GRAPHQL_ENUMS.map(([, name]) => name);
    expect(new Set(names).size).toBe(names.length);
    for (const [values, name] of GRAPHQL_ENUMS) {
      for (const key of Object.keys(values)) expect(key, `${name}.${key}`).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(new Set(Object.values(values)).size, name).toBe(Object.keys(values).length);
    }
  });
});
