import http from "node:http";
import type { LoadOrder, LoadResult } from "./load.js";

/**
 * The load generator, forked by `runLoad` so the HTTP clients' CPU is not counted as the API's: the parent process
 * then holds only the API, and its process.cpuUsage() is the API's.
 */
async function send(agent: http.Agent, url: URL, request: LoadOrder["requests"][number]) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const outgoing = http.request(
      url,
      { method: "POST", agent, headers: { "content-type": "application/json", ...request.headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

async function run(order: LoadOrder): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: order.clients });
  const base = new URL(order.url);
  const latenciesMs = new Array<number>(order.requests.length);
  let failures = 0;
  let firstFailure: string | null = null;
  let cursor = 0;
  const started = performance.now();
  const one = async (index: number) => {
    const request = order.requests[index]!;
    const t0 = performance.now();
    try {
      const answer = await send(agent, new URL(request.path, base), request);
      // A GraphQL error still answers 200: the body says whether the operation did what the bench asked.
      if (answer.status >= 300 || answer.body.startsWith('{"errors"') || answer.body.includes('"errors":[')) {
        failures++;
        firstFailure ??= `${answer.status} ${answer.body.slice(0, 300)}`;
      }
    } catch (error) {
      failures++;
      firstFailure ??= String(error);
    }
    latenciesMs[index] = performance.now() - t0;
  };
  if (order.ratePerSecond) {
    // Open loop: requests leave on a schedule whatever the answers do, as agents on 20,000 desktops would.
    const inFlight = new Set<Promise<void>>();
    for (let index = 0; index < order.requests.length; index++) {
      const due = started + (index * 1000) / order.ratePerSecond;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const pending = one(index).finally(() => inFlight.delete(pending));
      inFlight.add(pending);
    }
    await Promise.all(inFlight);
  } else {
    await Promise.all(
      Array.from({ length: order.clients }, async () => {
        for (let index = cursor++; index < order.requests.length; index = cursor++) await one(index);
      }),
    );
  }
  agent.destroy();
  return { latenciesMs, seconds: (performance.now() - started) / 1000, failures, firstFailure };
}

process.once("message", (order: LoadOrder) => {
  run(order).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
});
