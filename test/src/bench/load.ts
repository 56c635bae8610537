import { fork } from "node:child_process";

export interface LoadRequest {
  /** Resolved against the order's URL: "/graphql", "/agent/v1/events". */
  path: string;
  headers?: Record<string, string>;
  body: string;
}

export interface LoadOrder {
  url: string;
  clients: number;
  requests: LoadRequest[];
  /** Open loop at this rate; without it, `clients` closed-loop clients send as fast as answers come. */
  ratePerSecond?: number;
}

export interface LoadResult {
  latenciesMs: number[];
  seconds: number;
  failures: number;
  firstFailure: string | null;
}

export interface LoadRun extends LoadResult {
  /** CPU the API (this process) spent while the load ran, in ms: the clients run in a child process. */
  apiCpuMs: number;
}

/** Sends `order` from a forked client process and measures this process's CPU meanwhile. */
export async function runLoad(order: LoadOrder): Promise<LoadRun> {
  const child = fork(new URL("./load-client.js", import.meta.url), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const cpu = process.cpuUsage();
  const result = await new Promise<LoadResult>((resolve, reject) => {
    child.once("message", (message) => resolve(message as LoadResult));
    child.once("error", reject);
    child.once("exit", (code) => (code ? reject(new Error(`load client exited with ${code}`)) : undefined));
    child.send(order);
  });
  const used = process.cpuUsage(cpu);
  return { ...result, apiCpuMs: (used.user + used.system) / 1000 };
}

/** A GraphQL POST for `runLoad`. */
export function graphqlRequest(query: string, variables: Record<string, unknown>, token?: string): LoadRequest {
  return {
    path: "/graphql",
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: JSON.stringify({ query, variables }),
  };
}
