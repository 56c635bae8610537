import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import {
  createGatewayMetrics,
  createLogger,
  loadGatewaySettings,
  startGateway,
  type TunnelRecordStore,
} from "@atrium/api";
import { Registry } from "prom-client";
import WebSocket from "ws";
import {
  acceptRdp,
  benchCertificate,
  type Channel,
  directRdpChannel,
  rdCleanPathChannel,
} from "./gateway-rdp.bench.js";

const TOTAL_BYTES = Number(process.env.BENCH_GATEWAY_MB ?? 256) * 1024 * 1024;
const CHUNK = 64 * 1024;
const ECHO_ROUNDS = 400;
const ROUNDS = 3;

interface Path {
  mbps: number[];
  rtt: number[];
  cpu: CpuCost[];
}

interface Measured {
  direct: Path;
  tunnel: Path;
}

/** CPU nanoseconds each thread of this process has run (Linux schedstat), by thread id. */
function threadCpuNs(): Map<string, number> {
  const usage = new Map<string, number>();
  for (const tid of fs.readdirSync("/proc/self/task")) {
    try {
      usage.set(tid, Number(fs.readFileSync(`/proc/self/task/${tid}/schedstat`, "utf8").split(" ")[0]));
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return usage;
}

/** CPU milliseconds per MiB moved: all threads together, and the busiest one (the bound with a core per thread). */
interface CpuCost {
  totalMsPerMiB: number;
  busiestMsPerMiB: number;
}

async function costed(open: () => Promise<Channel>, path: Path): Promise<void> {
  const before = threadCpuNs();
  path.mbps.push(await throughput(open));
  const spent = [...threadCpuNs()].map(([tid, ns]) => (ns - (before.get(tid) ?? 0)) / 1e6);
  const mib = TOTAL_BYTES / 1024 / 1024;
  path.cpu.push({
    totalMsPerMiB: spent.reduce((sum, ms) => sum + ms, 0) / mib,
    busiestMsPerMiB: Math.max(...spent) / mib,
  });
}

async function measure(direct: () => Promise<Channel>, tunnel: () => Promise<Channel>): Promise<Measured> {
  const result: Measured = { direct: { mbps: [], rtt: [], cpu: [] }, tunnel: { mbps: [], rtt: [], cpu: [] } };
  for (let round = 0; round < ROUNDS; round++) {
    await costed(direct, result.direct);
    await costed(tunnel, result.tunnel);
    result.direct.rtt.push(await echoLatency(direct));
    result.tunnel.rtt.push(await echoLatency(tunnel));
  }
  return result;
}

const best = (values: number[]) => Math.max(...values);
const cheapest = (costs: CpuCost[], key: keyof CpuCost) => Math.min(...costs.map((cost) => cost[key]));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const cpuText = (path: Path) =>
  `${cheapest(path.cpu, "totalMsPerMiB").toFixed(2)} ms in all threads, ${cheapest(path.cpu, "busiestMsPerMiB").toFixed(2)} ms in the busiest`;

/** The lines every path prints: throughput and echo both ways, their ratio, added latency and CPU per MiB. */
function report(title: string, directName: string, { direct, tunnel }: Measured): string[] {
  const ratio = best(tunnel.mbps) / best(direct.mbps);
  const perThreadBound = cheapest(direct.cpu, "busiestMsPerMiB") / cheapest(tunnel.cpu, "busiestMsPerMiB");
  return [
    "",
    `  ${title}: ${TOTAL_BYTES / 1024 / 1024} MiB desktop→client, best of ${ROUNDS}; echo p50 of ${ECHO_ROUNDS}`,
    `    ${directName.padEnd(17)} ${best(direct.mbps).toFixed(0).padStart(6)} MiB/s   echo p50 ${median(direct.rtt).toFixed(3)} ms`,
    `    through tunnel    ${best(tunnel.mbps).toFixed(0).padStart(6)} MiB/s   echo p50 ${median(tunnel.rtt).toFixed(3)} ms`,
    `    throughput ratio tunnel/direct ${ratio.toFixed(2)} (target >= 0.80) ${ratio >= 0.8 ? "OK" : "BELOW TARGET"}`,
    `    added latency ${(median(tunnel.rtt) - median(direct.rtt)).toFixed(3)} ms per round trip (p50)`,
    `    CPU per MiB: direct ${cpuText(direct)}; tunnel ${cpuText(tunnel)}`,
    `    with a free core per thread the busiest thread bounds throughput: tunnel/direct ${perThreadBound.toFixed(2)}`,
  ];
}

/**
 * Pushes desktop→client bytes (framebuffer updates) and echoes small messages, directly and through the gateway,
 * alternately in the same run; desktop, gateway and client each run in their own thread. VNC: plain TCP against
 * /tunnel/vnc, plus a plain `socket.pipe` TCP relay in the same layout, the floor any userspace relay pays for the
 * extra hop (tunnel ÷ plain relay isolates what the gateway itself adds: WebSocket framing, counting,
 * back-pressure). RDP: X.224 and TLS straight to the desktop against /tunnel/rdcleanpath, where the gateway holds
 * the TLS session with the desktop and relays cleartext inside the WebSocket.
 */
export async function runGatewayBench(): Promise<void> {
  const desktop = await startRole("desktop", {});
  const gateway = await startRole("gateway", { desktopPort: desktop.port, rdpPort: desktop.rdpPort });
  const relay = await startRole("relay", { desktopPort: desktop.port });
  try {
    const vnc = await measure(
      () => tcpChannel(desktop.port),
      () => wsChannel(gateway.port),
    );
    const plainRelay: number[] = [];
    for (let round = 0; round < ROUNDS; round++) plainRelay.push(await throughput(() => tcpChannel(relay.port)));
    const rdp = await measure(
      () => directRdpChannel(desktop.rdpPort!),
      () => rdCleanPathChannel(gateway.port, desktop.rdpPort!),
    );
    const cores = os.availableParallelism();
    process.stdout.write(
      [
        ...report("Gateway VNC tunnel vs direct TCP", "direct TCP", vnc),
        `    plain TCP relay   ${best(plainRelay).toFixed(0).padStart(6)} MiB/s   (socket.pipe, no WebSocket); tunnel/plain relay ${(best(vnc.tunnel.mbps) / best(plainRelay)).toFixed(2)}`,
        ...report("Gateway RDP tunnel (RDCleanPath, TLS held by the gateway) vs direct TLS", "direct TLS", rdp),
        "",
        `  cores: ${cores}${cores < 3 ? " (three busy threads share fewer cores: the extra hop takes CPU from the ends)" : ""}`,
        "",
      ].join("\n"),
    );
  } finally {
    await Promise.all([desktop.worker.terminate(), gateway.worker.terminate(), relay.worker.terminate()]);
  }
}

function tcpChannel(port: number): Promise<Channel> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () =>
      resolve({
        send: (data) => socket.write(data),
        onData: (listener) => socket.on("data", listener),
        close: () => socket.destroy(),
      }),
    );
    socket.setNoDelay(true);
    socket.once("error", reject);
  });
}

function wsChannel(port: number): Promise<Channel> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/tunnel/vnc?ticket=bench`, { perMessageDeflate: false });
    ws.once("open", () =>
      resolve({
        send: (data) => ws.send(data),
        onData: (listener) => ws.on("message", (data: Buffer) => listener(data)),
        close: () => ws.close(),
      }),
    );
    ws.once("error", reject);
  });
}

/** Asks the desktop to stream TOTAL_BYTES and times their arrival; MiB/s. */
async function throughput(open: () => Promise<Channel>): Promise<number> {
  const channel = await open();
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    let received = 0;
    channel.onData((data) => {
      received += data.length;
      if (received >= TOTAL_BYTES) resolve();
    });
    channel.send(Buffer.from("T"));
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  channel.close();
  return TOTAL_BYTES / 1024 / 1024 / seconds;
}

/** Median round trip of a 32-byte message echoed by the desktop; milliseconds. */
async function echoLatency(open: () => Promise<Channel>): Promise<number> {
  const channel = await open();
  channel.send(Buffer.from("E"));
  let waiter: (() => void) | null = null;
  channel.onData(() => waiter?.());
  const samples: number[] = [];
  const message = Buffer.alloc(32, 7);
  for (let index = 0; index < ECHO_ROUNDS; index++) {
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve) => {
      waiter = resolve;
      channel.send(message);
    });
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  channel.close();
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

interface Ports {
  port: number;
  /** The desktop's RDP (X.224 + TLS) port. */
  rdpPort?: number;
}

function startRole(
  role: "desktop" | "gateway" | "relay",
  data: Record<string, unknown>,
): Promise<Ports & { worker: Worker }> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { role, ...data } });
  return new Promise((resolve, reject) => {
    worker.once("message", (ports: Ports) => resolve({ worker, ...ports }));
    worker.once("error", reject);
  });
}

/** The desktop: 'T' streams TOTAL_BYTES honouring back-pressure; 'E' echoes everything after it. */
/** The desktop's side of a channel: 'T' streams TOTAL_BYTES honouring back-pressure; 'E' echoes everything after it. */
function serveBench(socket: net.Socket): void {
  const payload = Buffer.alloc(CHUNK, 0x5a);
  socket.once("data", (first: Buffer) => {
    if (first[0] === 0x45) {
      if (first.length > 1) socket.write(first.subarray(1));
      socket.on("data", (chunk: Buffer) => socket.write(chunk));
      return;
    }
    let sent = 0;
    const pump = () => {
      while (sent < TOTAL_BYTES) {
        sent += CHUNK;
        if (!socket.write(payload)) return void socket.once("drain", pump);
      }
    };
    pump();
  });
  socket.on("error", () => {});
}

/** The desktop: the bench protocol on plain TCP (as VNC), and behind X.224 + TLS (as RDP). */
async function runDesktop(): Promise<Ports> {
  const listen = async (server: net.Server) => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as net.AddressInfo).port;
  };
  const credentials = benchCertificate();
  const plain = net.createServer((socket) => {
    socket.setNoDelay(true);
    serveBench(socket);
  });
  const rdp = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on("error", () => {});
    acceptRdp(socket, credentials, serveBench);
  });
  return { port: await listen(plain), rdpPort: await listen(rdp) };
}

/**
 * The gateway with a verifier that grants the bench tickets (the RDCleanPath one for RDP) and an in-memory record
 * store: only relaying is timed.
 */
async function runGateway(desktopPort: number, rdpPort: number): Promise<Ports> {
  let next = 0;
  const records: TunnelRecordStore = {
    countOpen: async () => 0,
    open: async () => String(++next),
    flush: async () => {},
    close: async () => {},
    closeAbandoned: async () => 0,
    heartbeat: async () => {},
    closeLost: async () => 0,
    release: async () => {},
  };
  const gateway = await startGateway({
    settings: loadGatewaySettings({ GATEWAY_PORT: "0", GATEWAY_NODE_ID: "bench" }),
    verifier: async ({ clientIp, ticket }) => ({
      ok: true,
      grant: {
        ticketId: "bench",
        tenantId: "bench",
        userId: "bench",
        desktopId: "bench",
        sessionId: null,
        protocol: ticket === "bench-rdp" ? "RDP" : "VNC",
        clientIp: clientIp ?? "127.0.0.1",
        target: { host: "127.0.0.1", port: ticket === "bench-rdp" ? rdpPort : desktopPort },
      },
    }),
    recorder: records,
    metrics: createGatewayMetrics(new Registry()),
    logger: createLogger("silent"),
    trustedProxies: { ranges: [] },
  });
  return { port: gateway.port };
}

/** Reference: the cheapest possible userspace relay. */
async function runRelay(desktopPort: number): Promise<Ports> {
  const server = net.createServer((client) => {
    const desktop = net.connect({ host: "127.0.0.1", port: desktopPort });
    client.pipe(desktop);
    desktop.pipe(client);
    client.on("error", () => desktop.destroy());
    desktop.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as net.AddressInfo).port };
}

if (!isMainThread && parentPort && workerData?.role) {
  const roles: Record<string, () => Promise<Ports>> = {
    desktop: runDesktop,
    gateway: () => runGateway(workerData.desktopPort as number, workerData.rdpPort as number),
    relay: () => runRelay(workerData.desktopPort as number),
  };
  parentPort.postMessage(await roles[workerData.role as string]!());
}
