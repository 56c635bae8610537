import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Tenant } from "@atrium/schema";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLockedError } from "./data-dir-lock.js";
import { openDatabase } from "./data-source.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-db-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("embedded database", () => {
  it("migrates to exactly the schema the entities describe", async () => {
    const db = await openDatabase({ databaseUrl: "memory://" });
    try {
      const pending = await db.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it("keeps data across restarts and refuses a second opener of the same folder", async () => {
    const dataDir = path.join(tmp, "persist");
    const first = await openDatabase({ dataDir });
    await first.dataSource.getRepository(Tenant).save({ name: "Acme", slug: "acme" });
    await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      expect(await second.dataSource.getRepository(Tenant).findOneBy({ slug: "acme" })).toMatchObject({ name: "Acme" });
    } finally {
      await second.close();
    }
  });
});

describe.runIf(process.env.DATABASE_URL?.startsWith("postgres"))("PostgreSQL", () => {
  it("migrates a fresh database to exactly the schema the entities describe", async () => {
    const server = process.env.DATABASE_URL!;
    const name = `atrium_migrate_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    try {
      const db = await openDatabase({ databaseUrl: url.toString() });
      try {
        const pending = await db.dataSource.driver.createSchemaBuilder().log();
        expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      } finally {
        await db.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
