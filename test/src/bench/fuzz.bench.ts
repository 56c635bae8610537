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
 * The costliest document the default limits still accept: as many aliased desktop pages (the deepest, widest read
 * the portal makes) as the alias, depth, token and cost limits let through, found by asking the API. While it is
 * validated over and over, `/readyz` must still answer within 100 ms.
 */
async function worstAcceptedDocument(url: string, token: string): Promise<string> {
  for (let aliases = 20; aliases > 1; aliases--) {
    const query = `{ ${Array.from({ length: aliases }, (_, n) => `a${n}: ${DESKTOPS_PAGE}`).join(" ")} }`;
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    if (response.ok) return query;
  }
  return `{ ${DESKTOPS_PAGE} }`;
}

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
 * `/readyz` probed every 20 ms: idle (the baseline), while the worst accepted document is validated back to back,
 * and during the fuzz.
 */
export async function runFuzzBench(): Promise<void> {
  useMachinePostgres();
  const app = await startTestApp();
  try {
    const target = await prepareHostileTarget(app);
    const attacks = variableAttacks(everyOperation(servedSchema(), target.ids));
    const documents = documentAttacks();
    const requests = [...pick(attacks, REQUESTS - documents.length), ...documents];
    const worstQuery = await worstAcceptedDocument(app.url, target.globex.adminToken);
    const worst = { label: "worst accepted", body: JSON.stringify({ query: worstQuery }) };
    const worstOnce = await sendHostile(app.url, target.globex.adminToken, {
      ...worst,
      contentType: "application/json",
    });
    process.stdout.write(
      `setup: ${requests.length} requests of ${attacks.length} argument and ${documents.length} document attacks, ` +
        `${CLIENTS} clients; worst accepted document (${worstQuery.length} characters) answered ${worstOnce.status} ` +
        `in ${ms(worstOnce.millis)}\n`,
    );
    const worstRequests = (count: number) => Array(count).fill({ ...worst, contentType: "application/json" });
    const asAdmin = () => target.globex.adminToken;
    const readiness = async (load: () => Promise<unknown>) => {
      const probe = probeReadiness(app.url);
      await load();
      return (await probe.stop()).sort((a, b) => a - b);
    };
    const idle = await readiness(() => new Promise((resolve) => setTimeout(resolve, 3000)));
    const validating = await readiness(() => sendAll(app.url, worstRequests(200), asAdmin, 1));

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
        line("while the worst accepted document is validated back to back", validating) +
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
