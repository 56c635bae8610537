import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getMetadataArgsStorage } from "typeorm";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { TENANT_OWNED, tenantOwnedClasses } from "./tenant-owned.js";

/*
 * The data-layer check: outside api/src/db, no module may reach a tenant-owned entity (one whose schema entity has
 * a tenantId column) but through the scoped door (`ctx.db.…`) or the named `acrossTenants` door. It reads the
 * source with the TypeScript parser and lists every entity class used as a value (getRepository, find/save with a
 * target, query-builder from/update/join…), every entity or table named as a string target, and every SQL text that
 * names a tenant-owned table.
 */

interface Offence {
  file: string;
  line: number;
  what: string;
}

const SCHEMA_MODULE = "@atrium/schema";
/** Calls whose string argument names an entity or a table: TypeORM accepts either as a target. */
const TARGET_CALLS = new Set([
  "getRepository",
  "createQueryBuilder",
  "from",
  "into",
  "update",
  "innerJoin",
  "leftJoin",
]);

/** Tenant-owned entities as the schema defines them: class names and table names. */
function tenantOwnedNames(): { classes: Set<string>; tables: Set<string> } {
  const owned = new Set(tenantOwnedClasses().map((owned) => owned.entity));
  const classes = new Set([...owned].map((entity) => entity.name));
  const tables = new Set(
    getMetadataArgsStorage()
      .tables.filter((table) => owned.has(table.target as Function))
      .map((table) => table.name ?? (table.target as Function).name.toLowerCase()),
  );
  return { classes, tables };
}

function isInType(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isTypeNode(at) || ts.isImportDeclaration(at) || ts.isExportSpecifier(at)) return true;
    if (ts.isStatement(at) || ts.isExpressionStatement(at)) return false;
  }
  return false;
}

function sqlTablesIn(text: string, tables: Set<string>): string[] {
  const found: string[] = [];
  // Upper-case keywords (how this code base writes SQL) with any quoting, or any case with a quoted table name.
  const patterns = [
    /\b(?:FROM|JOIN|INTO|UPDATE)\s+"?([a-z_][a-z0-9_]*)"?/g,
    /\b(?:from|join|into|update)\s+"([a-z_][a-z0-9_]*)"/gi,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) if (tables.has(match[1]!)) found.push(match[1]!);
  }
  return [...new Set(found)];
}

/** The offences of one source file: tenant-owned entity classes used as values, and SQL naming their tables. */
function offencesIn(file: string, source: string, names = tenantOwnedNames()): Offence[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const imported = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly) continue;
    if ((statement.moduleSpecifier as ts.StringLiteral).text !== SCHEMA_MODULE) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      const original = (element.propertyName ?? element.name).text;
      if (!element.isTypeOnly && names.classes.has(original)) imported.add(element.name.text);
    }
  }
  const offences: Offence[] = [];
  const report = (node: ts.Node, what: string) => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    offences.push({ file, line, what });
  };
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && imported.has(node.text) && !isInType(node)) {
      report(node, `${node.text} (tenant-owned) used outside the data layer`);
    } else if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      for (const table of sqlTablesIn(node.text, names.tables)) report(node, `SQL on tenant-owned table "${table}"`);
      const call = node.parent;
      if (
        ts.isCallExpression(call) &&
        call.arguments[0] === node &&
        ts.isPropertyAccessExpression(call.expression) &&
        TARGET_CALLS.has(call.expression.name.text) &&
        (names.classes.has(node.text) || names.tables.has(node.text))
      ) {
        report(node, `${call.expression.name.text}("${node.text}") on a tenant-owned entity`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return offences;
}

const isTestFile = (name: string) => /\.test\.ts$|\.test-support\.ts$|\.harness\.ts$/.test(name);

/** Every offence under `root` (api/src), outside the data layer itself and outside tests. */
function dataDoorOffences(root: string): Offence[] {
  const names = tenantOwnedNames();
  const offences: Offence[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full);
      if (entry.isDirectory()) {
        if (relative !== "db" && entry.name !== "testing") walk(full);
      } else if (entry.name.endsWith(".ts") && !isTestFile(entry.name)) {
        offences.push(...offencesIn(relative, readFileSync(full, "utf8"), names));
      }
    }
  };
  walk(root);
  return offences;
}

const apiSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("the data layer is the only door to tenant-owned entities", () => {
  it("reaches every entity the schema gives a tenantId column, and nothing else", () => {
    const fromSchema = tenantOwnedClasses()
      .map((owned) => owned.entity.name)
      .sort();
    expect(
      Object.values(TENANT_OWNED)
        .map((entity) => entity.name)
        .sort(),
    ).toEqual(fromSchema);
  });

  it("finds repositories, query builders, entity targets and raw SQL on tenant tables outside it", () => {
    const source = [
      `import { Desktop, type Pool, Tenant } from "@atrium/schema";`,
      `import type { Group } from "@atrium/schema";`,
      `const a = manager.getRepository(Desktop);`,
      `const b = manager.createQueryBuilder().update(Desktop).set({});`,
      `const c: Pool | Group | Tenant = manager.getRepository(Tenant).create();`,
      `const d = manager.query('SELECT 1 FROM "desktop" WHERE id = $1');`,
      "const e = manager.query(`UPDATE pool SET name = $" + "{name}`);",
      `const f = manager.getRepository("desktop_session");`,
      `const g = "a sentence about the desktop from the pool";`,
    ].join("\n");
    expect(offencesIn("x.ts", source).map((offence) => offence.line)).toEqual([3, 4, 6, 7, 8]);
  });

  it("counts no call site in api/src that goes around it", () => {
    const offences = dataDoorOffences(apiSrc);
    const listing = offences.map((offence) => `${offence.file}:${offence.line}: ${offence.what}`).join("\n");
    console.info(`data-layer check: ${offences.length} call site(s) outside the door\n${listing}`);
    expect(offences.length, listing).toBeLessThanOrEqual(REMAINING);
  });
});

/** Call sites not yet moved behind the door; only ever lowered, and 0 once every module is converted. */
const REMAINING = 0;
