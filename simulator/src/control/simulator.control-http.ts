import { z } from "zod";
import type { SimRequest, SimResponse } from "../core/sim-http.js";
import { byteLength, parseJsonBody, SimRouter } from "../core/sim-http.js";
import type { SimulatorControl } from "./simulator.control.js";
import type { SimulatorInspector } from "./simulator.inspect.js";

type Handler = (body: unknown, req: SimRequest) => Promise<unknown> | unknown;

const services = z.array(z.enum(["identity", "compute", "image", "network", "volume"]));
const schemas = {
  latency: z.object({ ms: z.number().min(0), jitterMs: z.number().min(0).optional() }),
  errorRate: z.object({
    rate: z.number().min(0).max(1),
    services: services.optional(),
    seed: z.number().int().optional(),
  }),
  rateLimit: z.object({ perSecond: z.number().positive().nullable(), burst: z.number().positive().optional() }),
  failCreates: z.object({
    count: z.number().int().min(0).optional(),
    namePattern: z.string().nullable().optional(),
    message: z.string().optional(),
  }),
  // Over HTTP a "refuse" outage must end by itself: nothing could reach this endpoint to lift it.
  outage: z
    .object({ mode: z.enum(["refuse", "503"]).nullable(), durationMs: z.number().int().positive().optional() })
    .refine((o) => o.mode !== "refuse" || o.durationMs !== undefined, "a refuse outage needs durationMs"),
  advance: z.object({ ms: z.number().min(0) }),
  timeScale: z.object({ scale: z.number().positive() }),
};

function json(status: number, body: unknown): SimResponse {
  const text = JSON.stringify(body);
  return {
    status,
    headers: [
      ["Content-Type", "application/json"],
      ["Content-Length", byteLength(text)],
    ],
    body: text,
  };
}

/** `/_sim/…`: the control surface for out-of-process tests and benchmarks (no auth: bind to 127.0.0.1). */
export function controlRouter(control: SimulatorControl, inspect: SimulatorInspector) {
  const router = new SimRouter<Handler>()
    .add("GET", "/servers", (_b, req) =>
      inspect.servers({
        projectId: req.query.get("projectId") ?? undefined,
        includeDeleted: req.query.get("includeDeleted") !== "false",
      }),
    )
    .add("GET", "/counters", () => control.counters())
    .add("POST", "/counters/reset", () => control.resetCounters())
    .add("POST", "/latency", (b) => {
      const o = schemas.latency.parse(b);
      control.setLatency(o.ms, o.jitterMs);
    })
    .add("POST", "/error-rate", (b) => {
      const o = schemas.errorRate.parse(b);
      if (o.seed !== undefined) control.reseed(o.seed);
      control.setErrorRate(o.rate, o.services);
    })
    .add("POST", "/rate-limit", (b) => {
      const o = schemas.rateLimit.parse(b);
      control.setRateLimit(o.perSecond, o.burst);
    })
    .add("POST", "/fail-creates", (b) => {
      const o = schemas.failCreates.parse(b);
      if (o.count !== undefined) control.failNextCreates(o.count, o.message);
      if (o.namePattern !== undefined) control.failCreatesMatching(o.namePattern, o.message);
    })
    .add("POST", "/outage", async (b) => {
      const o = schemas.outage.parse(b);
      await control.setOutage(o.mode, o.durationMs);
    })
    .add("POST", "/faults/clear", () => control.clearFaults())
    .add("GET", "/clock", () => ({ now: control.now() }))
    .add("POST", "/clock/advance", (b) => {
      control.advanceClock(schemas.advance.parse(b).ms);
      return { now: control.now() };
    })
    .add("POST", "/clock/settle", () => ({ advancedMs: control.settle(), now: control.now() }))
    .add("POST", "/clock/time-scale", (b) => control.setTimeScale(schemas.timeScale.parse(b).scale));

  return async (req: SimRequest): Promise<SimResponse> => {
    const match = router.match(req.method, req.path);
    if (match.kind !== "found") return json(404, { error: `no control endpoint ${req.method} ${req.path}` });
    try {
      const result = await match.handler(parseJsonBody(req) ?? {}, req);
      return result === undefined ? { status: 204, headers: [], body: null } : json(200, result);
    } catch (error) {
      const message = error instanceof z.ZodError ? error.issues.map((i) => i.message).join("; ") : String(error);
      return json(400, { error: message });
    }
  };
}
