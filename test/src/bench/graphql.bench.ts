import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { createCloud, createDesktops, createPool, createTenantWithPeople, createUser } from "../fixtures/factories.js";
import { startTestApp } from "../fixtures/test-app.js";
import { graphqlRequest, runLoad } from "./load.js";
import { ms, printGoals, printTable, summarize, useMachinePostgres } from "./measure.js";
import { printBreakdown, startMeter, stopMeter } from "./meter.js";

const CLIENTS = 16;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const PAGE_SIZE = 50;

/** The portal's desktops page (portal/src/generated/graphql.ts, DesktopsDocument). */
const DESKTOPS_PAGE = `query Desktops($first: Int!, $after: String, $filter: DesktopFilter) {
  desktops(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { endCursor hasNextPage }
    nodes {
      id name availability observedPowerState desiredPowerState sessionState outOfService addresses lastError
      pool { id name }
      assignedUser { id username displayName }
    }
  }
}`;

/** Apollo Server on Express with the same integration and JSON parser as the API, and nothing else. */
async function startBareApollo(): Promise<{ url: string; close(): Promise<void> }> {
  const apollo = new ApolloServer({ typeDefs: "type Query { ok: Boolean }", resolvers: { Query: { ok: () => true } } });
  await apollo.start();
  const app = express();
  app.use("/graphql", express.json({ limit: "1mb" }), expressMiddleware(apollo));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async close() {
      await apollo.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * `npm run bench -- graphql`: the desktops page (50 desktops with their pool and user) as a tenant admin, 16
 * clients, next to a bare Apollo Server answering `{ __typename }` in the same process setup and the same run.
 */
export async function runGraphqlBench(): Promise<void> {
  useMachinePostgres();
  const app = await startTestApp();
  const bare = await startBareApollo();
  try {
    const acme = await createTenantWithPeople(app, "acme");
    const cloud = await createCloud(app);
    const users = [];
    for (let n = 0; n < PAGE_SIZE; n++) users.push(await createUser(app, acme.tenant, `worker${n}`, "tenant_user"));
    const pools = [
      await createPool(app, acme.tenant, cloud, "win11"),
      await createPool(app, acme.tenant, cloud, "ubuntu"),
    ];
    await createDesktops(app, pools[0]!, PAGE_SIZE / 2, users.slice(0, PAGE_SIZE / 2));
    await createDesktops(app, pools[1]!, PAGE_SIZE / 2, users.slice(PAGE_SIZE / 2));
    process.stdout.write(
      `setup: ${PAGE_SIZE} desktops in 2 pools, each with a user; ${REQUESTS} requests, ${CLIENTS} clients\n`,
    );

    const page = graphqlRequest(DESKTOPS_PAGE, { first: PAGE_SIZE }, acme.adminToken);
    startMeter();
    const pages = await runLoad({ url: app.url, clients: CLIENTS, requests: Array(REQUESTS).fill(page) });
    const stages = stopMeter();
    const typename = graphqlRequest("{ __typename }", {});
    const baseline = await runLoad({ url: bare.url, clients: CLIENTS, requests: Array(REQUESTS).fill(typename) });

    const p = summarize("desktops page", pages.latenciesMs, pages.seconds);
    const b = summarize("bare { __typename }", baseline.latenciesMs, baseline.seconds);
    printTable([p, b]);
    const statements = stages.statements / p.ops;
    process.stdout.write(
      `\n  per page: ${statements.toFixed(1)} SQL statements (counted at the driver), API CPU ${ms(pages.apiCpuMs / p.ops)} ` +
        `(bare Apollo: ${ms(baseline.apiCpuMs / b.ops)}); failed requests: ${pages.failures + baseline.failures}` +
        `${pages.firstFailure ? ` (first: ${pages.firstFailure})` : ""}\n`,
    );
    const met = printGoals([
      { label: "SQL statements per desktops page", measured: statements.toFixed(1), goal: "≤ 3", met: statements <= 3 },
      {
        label: "desktops page / bare Apollo throughput",
        measured: `${(p.perSecond / b.perSecond).toFixed(3)}×`,
        goal: "≥ 0.3×",
        met: p.perSecond / b.perSecond >= 0.3,
      },
    ]);
    const mean = pages.latenciesMs.reduce((sum, value) => sum + value, 0) / p.ops;
    if (!met) printBreakdown(p.ops, mean, stages, pages.apiCpuMs, CLIENTS);
    if (pages.failures + baseline.failures > 0) process.exitCode = 1;
  } finally {
    await bare.close();
    await app.close();
  }
}
