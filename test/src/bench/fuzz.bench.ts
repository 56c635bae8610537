import {
  documentAttacks,
  type HostileOutcome,
  type HostileRequest,
  pick,
  prepareHostileTarget,
  sendHostile,
  variableAttacks,
} from "../fixtures/hostile-requests.js";
import { everyOperation, servedSchema } from "../fixtures/schema-sweep.js";
import { tenantState } from "../fixtures/tenant-state.js";
import { startTestApp } from "../fixtures/test-app.js";
import { ms, percentile, printGoals, useMachinePostgres } from "./measure.js";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const CLIENTS = 8;
const PROBE_EVERY_MS = 20;

const DESKTOPS_PAGE =
  "desktops(first: 100) { nodes { id name addresses pool { id name } assignedUser { id username } } }";

/**
 * The document the default limits still accept that costs the most to answer: as many aliased desktop pages (the
 * deepest, widest read the portal makes) as the alias, depth, token and cost limits let through, found by asking
 * the API as an admin.
 */
async function costliestToAnswer(url: string, token: string): Promise<string> {
  for (let aliases = 20; aliases > 1; aliases--) {
    const query = `{ ${Array.from({ length: aliases }, (_, n) => `a${n}: ${DESKTOPS_PAGE}`).join(" ")} }`;
    if (await accepted(url, query, token)) return query;
  }
  return `{ ${DESKTOPS_PAGE} }`;
}

async function accepted(url: string, query: string, token: string | null): Promise<boolean> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json().catch(() => ({}))) as { errors?: unknown[] };
  return response.ok && !body.errors;
}

/**
 * The document the default limits still accept that costs the most to validate, sent anonymously (validation runs
 * before authentication). graphql-js's overlapping-fields rule compares every pair of selections that answer under
 * one name, so the worst shape is one field repeated as often as the token limit allows: through one fragment
 * spread again and again, or through inline fragments. Each shape is grown to the largest size the API accepts and
 * the slower one to validate is kept.
 */
async function costliestToValidate(url: string): Promise<string> {
  const shapes = [
    (n: number) => `{ ${"...F ".repeat(n)}} fragment F on Query { __typename }`,
    (n: number) => `{ ${"... on Query { __typename } ".repeat(n)}}`,
  ];
  let worst = { query: "{ __typename }", millis: 0 };
  for (const shape of shapes) {
    let n = 5_000;
    while (n > 1 && !(await accepted(url, shape(n), null))) n = Math.floor(n * 0.95);
    const query = shape(n);
    const timings: number[] = [];
    for (let round = 0; round < 5; round++) {
      timings.push((await sendHostile(url, null, { label: "probe", ...jsonBody(query) })).millis);
    }
    const millis = timings.sort((a, b) => a - b)[2] ?? 0;
    if (millis > worst.millis) worst = { query, millis };
  }
  return worst.query;
}

const jsonBody = (query: string) => ({ body: JSON.stringify({ query }), contentType: "application/json" });

async function sendAll(
  url: string,
  requests: HostileRequest[],
  token: (index: number) => string | null,
  clients: number,
) {
  const outcomes: HostileOutcome[] = new Array(requests.length);
  let next = 0;
  const client = async () => {
    while (next < requests.length) {
      const index = next++;
      outcomes[index] = await sendHostile(url, token(index), requests[index] as HostileRequest);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return outcomes;
}

/** Probes `/readyz` until stopped; returns each answer's latency. */
function probeReadiness(url: string): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(new URL("/readyz", url));
      await response.arrayBuffer();
      latencies.push(response.ok ? performance.now() - started : Number.POSITIVE_INFINITY);
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies;
    },
  };
}

/**
 * `npm run bench -- fuzz`: 10,000 hostile requests over every operation of the schema (issue 12), 8 clients, and
 * `/readyz` probed every 20 ms: idle (the baseline), while the costliest accepted documents are validated and
 * answered back to back, and during the fuzz.
 */
export async function runFuzzBench(): Promise<void> {
  useMachinePostgres();
  const app = await startTestApp();
  try {
    const target = await prepareHostileTarget(app);
    const attacks = variableAttacks(everyOperation(servedSchema(), target.ids));
    const documents = documentAttacks();
    const requests = [...pick(attacks, REQUESTS - documents.length), ...documents];
    const answerQuery = await costliestToAnswer(app.url, target.globex.adminToken);
    const validateQuery = await costliestToValidate(app.url);
    const once = async (query: string, token: string | null) => {
      const outcome = await sendHostile(app.url, token, { label: "worst", ...jsonBody(query) });
      return `${query.length} characters, answered ${outcome.status} in ${ms(outcome.millis)}`;
    };
    process.stdout.write(
      `setup: ${requests.length} requests of ${attacks.length} argument and ${documents.length} document attacks, ` +
        `${CLIENTS} clients\n  costliest accepted document to validate (anonymous): ` +
        `${await once(validateQuery, null)}\n  costliest accepted document to answer (admin): ` +
        `${await once(answerQuery, target.globex.adminToken)}\n`,
    );
    const backToBack = (query: string, count: number) =>
      Array(count).fill({ label: "worst accepted", ...jsonBody(query) }) as HostileRequest[];
    const asAdmin = () => target.globex.adminToken;
    const readiness = async (load: () => Promise<unknown>) => {
      const probe = probeReadiness(app.url);
      await load();
      return (await probe.stop()).sort((a, b) => a - b);
    };
    const idle = await readiness(() => new Promise((resolve) => setTimeout(resolve, 3000)));
    const validating = await readiness(() => sendAll(app.url, backToBack(validateQuery, 200), () => null, 1));
    const answering = await readiness(() => sendAll(app.url, backToBack(answerQuery, 200), asAdmin, 1));

    const before = await tenantState(app, target.acme.tenant.id);
    const started = performance.now();
    let seconds = 0;
    let outcomes: HostileOutcome[] = [];
    const underFuzz = await readiness(async () => {
      outcomes = await sendAll(app.url, requests, (index) => (index % 4 === 3 ? null : asAdmin()), CLIENTS);
      seconds = (performance.now() - started) / 1000;
    });
    const latencies = outcomes.map((outcome) => outcome.millis).sort((a, b) => a - b);
    const serverErrors = outcomes.filter((outcome) => outcome.status >= 500).length;
    const leaks = outcomes.filter((outcome) => outcome.internals).length;
    const unchanged = (await tenantState(app, target.acme.tenant.id)) === before;
    const line = (label: string, probes: number[]) =>
      `  /readyz ${label}: ${probes.length} probes, p50 ${ms(percentile(probes, 50))}, ` +
      `p99 ${ms(percentile(probes, 99))}, max ${ms(probes[probes.length - 1] ?? 0)}\n`;
    process.stdout.write(
      `\n  requests ${outcomes.length} in ${seconds.toFixed(1)} s (${(outcomes.length / seconds).toFixed(0)}/s), ` +
        `5xx ${serverErrors}, leaks ${leaks}, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}\n` +
        line("idle (baseline)", idle) +
        line("while the costliest accepted document is validated back to back", validating) +
        line("while the costliest accepted document is answered back to back", answering) +
        line(`during the fuzz (${CLIENTS} clients)`, underFuzz) +
        `  ratio: readyz p99 while validating / idle = ${(percentile(validating, 99) / percentile(idle, 99)).toFixed(2)}×\n` +
        `  the other tenant's rows: ${unchanged ? "unchanged" : "CHANGED"}\n`,
    );
    const met = printGoals(
      [
        { label: "server errors", measured: String(serverErrors), goal: "0", met: serverErrors === 0 },
        { label: "answers showing internals", measured: String(leaks), goal: "0", met: leaks === 0 },
        {
          label: "/readyz p99 while the worst accepted document is validated",
          measured: ms(percentile(validating, 99)),
          goal: "< 100 ms",
          met: percentile(validating, 99) < 100,
        },
      ],
      12,
    );
    if (!met || !unchanged) process.exitCode = 1;
  } finally {
    await app.close();
  }
}
