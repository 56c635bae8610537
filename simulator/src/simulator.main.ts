import { startVhiSimulator } from "./simulator.server.js";

/**
 * Out-of-process entry: `node simulator/dist/simulator.main.js` (after the build).
 * VHI_SIM_PORT (default 0 = ephemeral), VHI_SIM_HOST (127.0.0.1), VHI_SIM_TIME_SCALE (1). Prints the auth URL as
 * one JSON line so a parent process (benchmarks, `npm start`) can read it.
 */
async function main(): Promise<void> {
  const sim = await startVhiSimulator({
    host: process.env.VHI_SIM_HOST ?? "127.0.0.1",
    port: Number(process.env.VHI_SIM_PORT ?? 0),
    clock: { mode: "real", timeScale: Number(process.env.VHI_SIM_TIME_SCALE ?? 1) },
  });
  process.stdout.write(`${JSON.stringify({ authUrl: sim.url, controlUrl: `${sim.baseUrl}/_sim` })}\n`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

await main();
