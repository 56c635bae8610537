import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVhiSimulator, type VhiSimulator } from "./simulator.server.js";
import {
  CIRROS_IMAGE,
  compareHeaders,
  compareShape,
  loadRecordings,
  type Recording,
  Replayer,
  recordedDeploymentSeed,
} from "./testing/replay.fixture.js";
import { rawRequest } from "./testing/sim-client.fixture.js";

/**
 * Walks all 167 recorded exchanges of the real Zed control plane in their original order against a simulator
 * seeded like that deployment, on a manual clock that follows the recording timestamps. Each answer must have
 * the recorded status line, header names (exact casing) and significant header values, and body shape.
 *
 * Calls that happened in the recorded run but were not captured (two more creates, one stop/start, two admin
 * flavor creations) are re-enacted as "interludes" at their moment, so the state matches what followed.
 * GETs of a server that captured a transitional state advance the clock in small steps until the simulator
 * shows that state: that checks every recorded state is reachable in order, whatever the exact durations.
 */

interface Interlude {
  before: string;
  at: string;
  run: (r: Replayer) => Promise<void>;
}

async function novaAs(r: Replayer, token: string, method: string, path: string, body?: unknown) {
  const res = await rawRequest(`${r.sim.urls.compute}/v2.1${r.translate(path)}`, {
    method,
    headers: {
      "X-Auth-Token": r.tokens.get(token)!,
      "OpenStack-API-Version": "compute 2.79",
      "Content-Type": "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`interlude ${method} ${path}: ${res.status} ${res.text}`);
  return res;
}

async function createAs(r: Replayer, recordedId: string, name: string, desktop: string) {
  const res = await novaAs(r, "<TOKEN-acme-user>", "POST", "/servers", {
    server: {
      name,
      flavorRef: "1",
      imageRef: CIRROS_IMAGE,
      networks: "none",
      metadata: { "atrium:desktop": desktop },
      tags: ["atrium"],
    },
  });
  r.ids.set(recordedId, res.json.server.id);
}

const DESK_01 = "719ed04e-c88a-4740-a96e-6996bac98839";
const DESK_02 = "1392afdb-6b53-45d5-a147-d1f428746f10";
const DESK_03 = "99390434-9149-4fbd-9186-7ee03ae6f3cb";

const INTERLUDES: Interlude[] = [
  {
    before: "05-server-get-build-scheduling.json",
    at: "2026-11-26T20:43:53.886Z",
    run: (r) => createAs(r, DESK_02, "acme-desk-02", "6ee184db-7819-4121-815f-6360db16ec40"),
  },
  {
    before: "05-server-get-build-scheduled-nohost.json",
    at: "2026-11-26T20:43:54.527Z",
    run: (r) => createAs(r, DESK_03, "acme-desk-03", "7cf2f208-1345-44ca-b716-de8a076303f5"),
  },
  {
    before: "07-action-shelve-offload-on-active-admin.json",
    at: "2026-11-26T20:46:47.600Z",
    run: async (r) =>
      void (await novaAs(r, "<TOKEN-acme-user>", "POST", `/servers/${DESK_01}/action`, { "os-start": null })),
  },
  {
    before: "07-action-during-task-state.json",
    at: "2026-11-26T20:46:53.300Z",
    run: async (r) =>
      void (await novaAs(r, "<TOKEN-acme-user>", "POST", `/servers/${DESK_02}/action`, { "os-stop": null })),
  },
  {
    before: "09-server-create-quota-exceeded-cores-ram.json",
    at: "2026-11-26T20:47:54.000Z",
    run: async (r) =>
      void (await novaAs(r, "<TOKEN-admin>", "POST", "/flavors", {
        flavor: { name: "m1.huge-test", ram: 4_096_000, vcpus: 512, disk: 1, id: "huge-test" },
      })),
  },
  {
    before: "13-flavor-delete-admin.json",
    at: "2026-11-26T20:48:32.700Z",
    run: async (r) =>
      void (await novaAs(r, "<TOKEN-admin>", "POST", "/flavors", {
        flavor: { name: "tmp-del", ram: 512, vcpus: 1, disk: 1, id: "tmp-del" },
      })),
  },
];

/** Arrays whose length legitimately differs (catalog services; unrecorded actions in the history). */
const LOOSE_ARRAYS = new Set(["token.catalog", "instanceActions"]);

const SERVER_GET = /^\/v2\.1\/servers\/[0-9a-f-]{36}$/;

function stateKey(server: Record<string, unknown>): string {
  return [
    server.status,
    server["OS-EXT-STS:vm_state"],
    server["OS-EXT-STS:task_state"],
    server.hostId === "" ? "unscheduled" : "scheduled",
    server["OS-EXT-AZ:availability_zone"],
  ].join("/");
}

describe("replay of the recorded OpenStack exchanges", () => {
  const recordings = loadRecordings();
  let sim: VhiSimulator;
  let replayer: Replayer;
  const failures = new Map<string, string[]>();

  beforeAll(async () => {
    sim = await startVhiSimulator({
      seed: recordedDeploymentSeed(),
      clock: { mode: "manual", start: recordings[0].at - 5_000 },
      consoleBaseUrl: null,
    });
    replayer = new Replayer(sim);
    await replayer.prepareTokens();
    for (const rec of recordings) failures.set(rec.file, await replay(rec));
  });

  afterAll(async () => {
    await sim?.close();
  });

  function advanceTo(at: number): void {
    const now = sim.state.now();
    if (at > now) sim.control.advanceClock(at - now);
  }

  /** Steps the clock (5 ms) until the simulator shows the recorded server state, or up to 10 s past its time. */
  function reachState(rec: Recording): void {
    const recorded = (rec.response.body as { server: Record<string, unknown> }).server;
    const want = stateKey(recorded);
    const id = replayer.translate(recorded.id as string);
    const limit = rec.at + 10_000;
    for (;;) {
      const s = sim.state.server(id);
      if (!s) return;
      const view = {
        status: s.status,
        "OS-EXT-STS:vm_state": s.vmState,
        "OS-EXT-STS:task_state": s.taskState,
        hostId: s.host ? "x" : "",
        "OS-EXT-AZ:availability_zone": s.availabilityZone,
      };
      if (stateKey(view) === want || sim.state.now() >= limit) return;
      sim.control.advanceClock(5);
    }
  }

  async function replay(rec: Recording): Promise<string[]> {
    for (const interlude of INTERLUDES.filter((i) => i.before === rec.file)) {
      advanceTo(Date.parse(interlude.at));
      await interlude.run(replayer);
    }
    const serverGet = rec.request.method === "GET" && rec.response.status === 200 && SERVER_GET.test(rec.request.path);
    if (serverGet) reachState(rec);
    else advanceTo(rec.at);
    const res = await replayer.send(rec);
    const problems: string[] = [];
    if (res.status !== rec.response.status)
      problems.push(`status: recorded ${rec.response.status}, got ${res.status} ${res.text}`);
    const recordedReason = rec.response.status_line.split(" ").slice(2).join(" ");
    if (res.statusMessage !== recordedReason)
      problems.push(`reason: recorded ${recordedReason}, got ${res.statusMessage}`);
    compareHeaders(rec, res, sim, problems);
    if (typeof rec.response.body === "string") {
      if (!res.text.startsWith("<html>")) problems.push(`body: expected an HTML page, got ${res.text.slice(0, 80)}`);
    } else {
      compareShape(rec.response.body, res.text === "" ? null : res.json, "", LOOSE_ARRAYS, problems);
    }
    return problems;
  }

  it("covers every recording", () => {
    expect(recordings).toHaveLength(167);
  });

  for (const rec of recordings) {
    it(`${rec.file}: ${rec.request.method} ${rec.request.path.slice(0, 60)} → ${rec.response.status}`, () => {
      expect(failures.get(rec.file)).toEqual([]);
    });
  }
});
