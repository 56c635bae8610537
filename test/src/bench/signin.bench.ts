import { LDAP_TEST_DIRECTORY, leaseLdapServer } from "@atrium/api/modules/identity/providers/test-servers";
import { Client } from "ldapts";
import { createTenantWithPeople } from "../fixtures/factories.js";
import { dataOf, startTestApp } from "../fixtures/test-app.js";
import { createAcmeOpenLdapProvider, SIGN_IN_WITH_PASSWORD } from "../idp/identity-helpers.js";
import { graphqlRequest, runLoad } from "./load.js";
import { ms, printGoals, printTable, summarize, useMachinePostgres } from "./measure.js";
import { printBreakdown, startMeter, stopMeter } from "./meter.js";

const CLIENTS = 32;
const SIGN_INS = Number(process.env.BENCH_SIGNINS ?? 640);
const BASELINE_MS = Number(process.env.BENCH_BASELINE_MS ?? 5000);
const directory = LDAP_TEST_DIRECTORY;
const acmeDir = directory.tenants.acme;
const people = (["alice", "bob", "carol"] as const).map((name) => ({ name, password: acmeDir.users[name].password }));

/** What the directory itself allows: a fresh connection, the service bind and the user search, as sign-in does. */
async function rawBindAndSearch(): Promise<{ latenciesMs: number[]; seconds: number }> {
  const latenciesMs: number[] = [];
  const started = performance.now();
  const deadline = started + BASELINE_MS;
  let turn = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const client = new Client({ url: directory.url });
        try {
          await client.bind(acmeDir.bindDn, acmeDir.bindPassword);
          const { searchEntries } = await client.search(acmeDir.searchBase, {
            scope: "sub",
            filter: `(uid=${people[turn++ % people.length]!.name})`,
            sizeLimit: 2,
          });
          if (searchEntries.length !== 1) throw new Error("the seeded user was not found");
        } finally {
          await client.unbind();
        }
        latenciesMs.push(performance.now() - t0);
      }
    }),
  );
  return { latenciesMs, seconds: (performance.now() - started) / 1000 };
}

/**
 * `npm run bench -- signin`: the full password sign-in of an LDAP user (slapd of test/services/ldap.sh: service
 * bind, search, user bind, nested groups; then provisioning, policy, login history and tokens) with 32 clients,
 * next to raw bind+search on the same directory with the same client library (ldapts) in the same run.
 */
export async function runSigninBench(): Promise<void> {
  const lease = await leaseLdapServer();
  useMachinePostgres();
  const app = await startTestApp();
  try {
    const acme = await createTenantWithPeople(app, "acme");
    await createAcmeOpenLdapProvider(app, acme.adminToken);
    process.stdout.write(
      `setup: ${directory.url}, ${people.length} directory users, ${SIGN_INS} sign-ins, ${CLIENTS} concurrent clients\n`,
    );

    // The first sign-in of each person provisions the account and its groups; the bench measures the ones after.
    for (const person of people) {
      dataOf(
        await app.gql(SIGN_IN_WITH_PASSWORD, {
          input: { username: person.name, password: person.password, tenant: "acme" },
        }),
      );
    }
    startMeter(Client);
    const signIns = await runLoad({
      url: app.url,
      clients: CLIENTS,
      requests: Array.from({ length: SIGN_INS }, (_, index) => {
        const person = people[index % people.length]!;
        return graphqlRequest(SIGN_IN_WITH_PASSWORD, {
          input: { username: person.name, password: person.password, tenant: "acme" },
        });
      }),
    });
    const stages = stopMeter();
    const raw = await rawBindAndSearch();

    const s = summarize("sign-in (LDAP)", signIns.latenciesMs, signIns.seconds);
    const r = summarize("raw bind+search", raw.latenciesMs, raw.seconds);
    printTable([s, r]);
    process.stdout.write(
      `\n  per sign-in: ${(stages.ldapOps / s.ops).toFixed(1)} LDAP operations, ` +
        `${(stages.statements / s.ops).toFixed(1)} SQL statements, API CPU ${ms(signIns.apiCpuMs / s.ops)}; ` +
        `failed sign-ins: ${signIns.failures}${signIns.firstFailure ? ` (first: ${signIns.firstFailure})` : ""}\n`,
    );
    const met = printGoals([
      {
        label: "sign-in / raw bind+search throughput",
        measured: `${(s.perSecond / r.perSecond).toFixed(3)}×`,
        goal: "≥ 0.5×",
        met: s.perSecond / r.perSecond >= 0.5,
      },
      { label: `sign-in p95 at ${CLIENTS} clients`, measured: ms(s.p95), goal: "< 200 ms", met: s.p95 < 200 },
    ]);
    const mean = signIns.latenciesMs.reduce((sum, value) => sum + value, 0) / s.ops;
    if (!met) printBreakdown(s.ops, mean, stages, signIns.apiCpuMs, CLIENTS);
    if (signIns.failures > 0) process.exitCode = 1;
  } finally {
    await app.close();
    await lease.release();
  }
}
