import net from "node:net";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { isDatabaseUnreachable } from "./database-unreachable.js";

/** A loopback port nothing listens on: taken, then freed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function failureOf(attempt: () => Promise<unknown>): Promise<unknown> {
  try {
    await attempt();
  } catch (error) {
    return error;
  }
  throw new Error("the attempt succeeded");
}

describe("which failures mean the database is out of reach", () => {
  let port = 0;
  beforeAll(async () => {
    port = await closedPort();
  });

  it("a PostgreSQL connection refused, bare or pooled", async () => {
    const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres" });
    expect(isDatabaseUnreachable(await failureOf(() => client.connect()))).toBe(true);
    const pool = new pg.Pool({ host: "127.0.0.1", port, user: "postgres" });
    expect(isDatabaseUnreachable(await failureOf(() => pool.query("SELECT 1")))).toBe(true);
    await pool.end();
  });

  it("not a cloud or directory out of reach: a failed fetch carries its socket error only as its cause", async () => {
    const failure = await failureOf(() => fetch(`http://127.0.0.1:${port}/v3/auth/tokens`));
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
    expect(isDatabaseUnreachable(failure)).toBe(false);
  });

  it("not a query the database refused", () => {
    expect(isDatabaseUnreachable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnreachable(new Error("Connection to the cloud failed"))).toBe(false);
  });
});
