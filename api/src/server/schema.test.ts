import fs from "node:fs";
import { MSP_ROLES, TENANT_ROLES } from "@atrium/schema";
import { describe, expect, it } from "vitest";
import { permissionsForRoles } from "../auth/permissions.js";
import { SCHEMA_FILE } from "../commands/emit-schema.command.js";
import { operationPermissions, printAppSchema } from "./schema.js";

describe("GraphQL contract", () => {
  it("declares a permission for every operation (a change here is a security review item)", () => {
    const map = Object.fromEntries(operationPermissions().map((entry) => [entry.operation, entry.permission]));
    expect(map).toMatchSnapshot();
  });

  it("grants each role a reviewed set of permissions (in and out of a tenant context)", () => {
    const roles = [...MSP_ROLES, ...TENANT_ROLES];
    const matrix = Object.fromEntries(
      roles.flatMap((role) => [
        [role, [...permissionsForRoles([role], false)].sort()],
        ...(role.startsWith("msp_") ? [[`${role} (in tenant)`, [...permissionsForRoles([role], true)].sort()]] : []),
      ]),
    );
    expect(matrix).toMatchSnapshot();
  });

  it("matches the committed schema/graphql/schema.graphql (run the api build to refresh it)", async () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(await printAppSchema());
  });
});
