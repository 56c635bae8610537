import { type ReplayCloud, startReplayCloud } from "@atrium/simulator/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeDeps, replayConfig } from "./testing/fake-deps.fixture.js";
import { createVhiClient } from "./vhi.client.js";
import {
  VhiBadRequestError,
  VhiConflictError,
  VhiForbiddenError,
  VhiNotFoundError,
  VhiQuotaExceededError,
  VhiRateLimitedError,
  VhiTransientError,
} from "./vhi.errors.js";

const SERVER_ID = "719ed04e-c88a-4740-a96e-6996bac98839";
const CREATE = {
  name: "d",
  flavorRef: "1",
  imageRef: "6aa2c0c6-8dc2-41eb-8c34-eda8bdce460d",
  networks: "none",
} as const;
const computeError = (status: number, kind: string, message: string, headers: Record<string, string> = {}) => ({
  status,
  headers: { "x-openstack-request-id": `req-${status}`, ...headers },
  body: { [kind]: { code: status, message } },
});

describe("HTTP transport: typed errors", () => {
  let cloud: ReplayCloud;
  beforeEach(async () => {
    cloud = await startReplayCloud();
  });
  afterEach(() => cloud.close());

  const failure = (promise: Promise<unknown>) => promise.then(() => undefined).catch((caught: unknown) => caught);

  it("maps the recorded Nova error bodies to the error hierarchy with request ids", async () => {
    const vhi = createVhiClient(replayConfig(cloud.authUrl), fakeDeps());
    const create = { method: "POST", service: "compute", path: "/v2.1/servers" } as const;

    cloud.route(create, cloud.recorded("09-server-create-quota-exceeded"));
    const quota = await failure(vhi.servers.create(CREATE));
    expect(quota).toBeInstanceOf(VhiQuotaExceededError);
    expect(quota).toMatchObject({
      status: 403,
      service: "compute",
      requestId: "req-bc716d71-8eb2-4563-b849-781bc36ce984",
      message: "Quota exceeded for instances: Requested 1, but already used 2 of 2 instances",
    });

    cloud.route(create, cloud.recorded("09-server-create-quota-exceeded-cores-ram"));
    expect(await failure(vhi.servers.create(CREATE))).toBeInstanceOf(VhiQuotaExceededError);

    cloud.route(create, computeError(413, "overLimit", "Maximum number of instances exceeded"));
    expect(await failure(vhi.servers.create(CREATE))).toBeInstanceOf(VhiQuotaExceededError);

    cloud.route(create, cloud.recorded("09-server-create-bad-flavor"));
    const bad = await failure(vhi.servers.create(CREATE));
    expect(bad).toBeInstanceOf(VhiBadRequestError);
    expect((bad as Error).message).toBe("Flavor 999 could not be found.");

    const action = { method: "POST", service: "compute", path: `/v2.1/servers/${SERVER_ID}/action` } as const;
    cloud.route(action, cloud.recorded("07-action-os-start-on-active"));
    const conflict = await failure(vhi.servers.start(SERVER_ID));
    expect(conflict).toBeInstanceOf(VhiConflictError);
    expect((conflict as Error).message).toContain("while it is in vm_state active");

    cloud.route(action, cloud.recorded("07-action-shelve-offload-on-active"));
    expect(await failure(vhi.servers.shelve(SERVER_ID))).toBeInstanceOf(VhiForbiddenError);

    cloud.route(action, cloud.recorded("08-server-action-on-deleted"));
    expect(await failure(vhi.servers.stop(SERVER_ID))).toBeInstanceOf(VhiNotFoundError);
  });

  it("cleans Glance's HTML-flavoured 404 message", async () => {
    cloud.route(
      { method: "GET", service: "image", path: /^\/v2\/images\// },
      cloud.recorded("04-glance-image-unknown"),
    );
    const vhi = createVhiClient(replayConfig(cloud.authUrl), fakeDeps());
    const error = await failure(vhi.images.get("60b64202-7d6b-4043-a5ed-d6b1ffb963d5"));
    expect(error).toBeInstanceOf(VhiNotFoundError);
    expect(error).toMatchObject({
      service: "image",
      message: "No image found with ID 60b64202-7d6b-4043-a5ed-d6b1ffb963d5",
      requestId: "req-da1f63f7-6884-45fe-bbee-5a753b055107",
    });
  });

  it("never puts user_data, the token or the password into an error", async () => {
    cloud.route({ method: "POST", service: "compute", path: "/v2.1/servers" }, (req) => {
      const server = (req.body as { server: Record<string, unknown> }).server;
      const token = String(req.headers["x-auth-token"]);
      return computeError(
        400,
        "badRequest",
        `Invalid input for field/attribute server. Value: {'name': 'd', 'user_data': '${String(server.user_data)}'}. token ${token} s3cret-Passw0rd`,
      );
    });
    const vhi = createVhiClient(replayConfig(cloud.authUrl), fakeDeps());
    const error = (await failure(vhi.servers.create({ ...CREATE, userData: "enrol-secret-xyz" }))) as Error;
    const text = `${error.message} ${JSON.stringify(error)}`;
    expect(error).toBeInstanceOf(VhiBadRequestError);
    expect(text).not.toContain(Buffer.from("enrol-secret-xyz").toString("base64"));
    expect(text).not.toContain("replay-token-1");
    expect(text).not.toContain("s3cret-Passw0rd");
    expect(error.message).toContain("'user_data': '<redacted>'");
  });
});

describe("HTTP transport: retries", () => {
  let cloud: ReplayCloud;
  beforeEach(async () => {
    cloud = await startReplayCloud();
  });
  afterEach(() => cloud.close());
  const limits = { method: "GET", service: "compute", path: "/v2.1/limits" } as const;

  it("honours Retry-After on 429, also for a create the proxy rejected", async () => {
    cloud.route(
      limits,
      computeError(429, "overLimit", "slow down", { "Retry-After": "3" }),
      cloud.recorded("03-limits"),
    );
    const deps = fakeDeps();
    const vhi = createVhiClient(replayConfig(cloud.authUrl), deps);
    await vhi.limits.get();
    expect(deps.sleeps).toEqual([3000]);

    const create = { method: "POST", service: "compute", path: "/v2.1/servers" } as const;
    cloud.route(
      create,
      { status: 503, headers: { "Retry-After": "1" }, body: "busy" },
      cloud.recorded("05-server-create"),
    );
    expect((await vhi.servers.create(CREATE)).id).toBe(SERVER_ID);
    expect(deps.sleeps).toEqual([3000, 1000]);
  });

  it("returns a Retry-After longer than the cap to the caller instead of hanging", async () => {
    cloud.route(limits, computeError(429, "overLimit", "slow down", { "Retry-After": "3600" }));
    const deps = fakeDeps();
    const error = await createVhiClient(replayConfig(cloud.authUrl), deps)
      .limits.get()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VhiRateLimitedError);
    expect((error as VhiRateLimitedError).retryAfterMs).toBe(3_600_000);
    expect(deps.sleeps).toEqual([]);
  });

  it("retries transient 5xx with full-jitter exponential backoff", async () => {
    const fault = computeError(500, "computeFault", "Unexpected API Error.");
    cloud.route(limits, fault, fault, fault, cloud.recorded("03-limits"));
    const deps = fakeDeps(undefined, 0.5);
    await createVhiClient(replayConfig(cloud.authUrl), deps).limits.get();
    // random 0.5 × min(cap, 250·2^(n-1)).
    expect(deps.sleeps).toEqual([125, 250, 500]);
  });

  it("stops after the configured attempts with VhiTransientError", async () => {
    cloud.route(limits, { status: 502, body: "<html><body>Bad Gateway</body></html>" });
    const deps = fakeDeps();
    const error = await createVhiClient(replayConfig(cloud.authUrl, { maxAttempts: 3 }), deps)
      .limits.get()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VhiTransientError);
    expect(error).toMatchObject({ status: 502, message: "Bad Gateway" });
    expect(cloud.requests.filter((req) => req.path === "/v2.1/limits")).toHaveLength(3);
  });

  it("does not resend a create after a 5xx: the server may exist", async () => {
    cloud.route(
      { method: "POST", service: "compute", path: "/v2.1/servers" },
      cloud.recorded("09-server-create-networks-auto"),
    );
    const error = await createVhiClient(replayConfig(cloud.authUrl), fakeDeps())
      .servers.create(CREATE)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VhiTransientError);
    expect(cloud.requests.filter((req) => req.method === "POST" && req.service === "compute")).toHaveLength(1);
  });

  it("turns a hanging request into a timeout and a dropped connection into a transient error", async () => {
    cloud.route(limits, { hang: true }, { reset: true }, cloud.recorded("03-limits"));
    const deps = fakeDeps();
    const vhi = createVhiClient(replayConfig(cloud.authUrl, { timeoutMs: 200 }), deps);
    expect((await vhi.limits.get()).instances.limit).toBe(100);
    expect(deps.warnings.map((warning) => String((warning.obj as { err: string }).err))).toEqual([
      expect.stringContaining("no answer within 200 ms"),
      expect.stringContaining("connection failed"),
    ]);
  });

  it("does not resend a create that timed out", async () => {
    cloud.route({ method: "POST", service: "compute", path: "/v2.1/servers" }, { hang: true });
    const error = await createVhiClient(replayConfig(cloud.authUrl, { timeoutMs: 200 }), fakeDeps())
      .servers.create(CREATE)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VhiTransientError);
    expect((error as VhiTransientError).requestSent).toBe(true);
    expect(cloud.requests.filter((req) => req.method === "POST" && req.service === "compute")).toHaveLength(1);
  });

  it("resends even a create when the connection was refused (the cloud never saw it)", async () => {
    const deps = fakeDeps();
    let calls = 0;
    deps.fetch = (input, init) => {
      if (String(input).endsWith("/v2.1/servers")) calls += 1;
      if (String(input).endsWith("/v2.1/servers") && calls === 1) {
        return Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }));
      }
      return globalThis.fetch(input, init);
    };
    cloud.route({ method: "POST", service: "compute", path: "/v2.1/servers" }, cloud.recorded("05-server-create"));
    expect((await createVhiClient(replayConfig(cloud.authUrl), deps).servers.create(CREATE)).id).toBe(SERVER_ID);
    expect(calls).toBe(2);
  });
});
