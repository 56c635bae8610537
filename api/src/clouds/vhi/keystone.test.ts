import { type ReplayCloud, startReplayCloud } from "@atrium/simulator/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeDeps, replayConfig } from "./testing/fake-deps.fixture.js";
import { createVhiClient } from "./vhi.client.js";
import { VhiAuthError, VhiIncompatibleError } from "./vhi.errors.js";

interface AuthBody {
  auth: { scope: unknown; identity: { password: { user: { domain: unknown } } } };
}

describe("Keystone session", () => {
  let cloud: ReplayCloud;
  beforeEach(async () => {
    cloud = await startReplayCloud();
    cloud.route({ method: "GET", service: "compute", path: "/v2.1/limits" }, cloud.recorded("03-limits"));
  });
  afterEach(() => cloud.close());

  it("scopes the token to a project by name and domain and discovers public endpoints", async () => {
    const client = createVhiClient(replayConfig(cloud.authUrl), fakeDeps());
    const negotiated = await client.compute();

    const auth = cloud.requests.find((req) => req.path === "/v3/auth/tokens");
    expect(auth?.body).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "acme-user", domain: { id: "default" }, password: "s3cret-Passw0rd" } },
        },
        scope: { project: { name: "tenant-acme", domain: { id: "default" } } },
      },
    });
    expect(negotiated.endpoint).toBe(`${cloud.base}/compute/v2.1`);
  });

  it("scopes by project id when given one, with the project's own domain for names", async () => {
    const byId = createVhiClient(
      replayConfig(cloud.authUrl, { project: "62dd6907c529485b9c5b2312dd8c21b3", domain: "acme" }),
      fakeDeps(),
    );
    await byId.limits.get();
    const byName = createVhiClient(
      replayConfig(`${cloud.base}/identity`, {
        project: { name: "desks" },
        domain: "acme",
        projectDomain: { id: "d1" },
      }),
      fakeDeps(),
    );
    await byName.limits.get();

    const bodies = cloud.requests.filter((req) => req.path === "/v3/auth/tokens").map((req) => req.body as AuthBody);
    expect(bodies[0].auth.scope).toEqual({ project: { id: "62dd6907c529485b9c5b2312dd8c21b3" } });
    expect(bodies[0].auth.identity.password.user.domain).toEqual({ name: "acme" });
    expect(bodies[1].auth.scope).toEqual({ project: { name: "desks", domain: { id: "d1" } } });
  });

  it("caches the token and sends it on every call, re-authenticating only near expires_at", async () => {
    const deps = fakeDeps();
    const client = createVhiClient(replayConfig(cloud.authUrl), deps);
    await client.limits.get();
    await client.limits.get();
    expect(cloud.tokensIssued()).toBe(1);
    const limitCalls = cloud.requests.filter((req) => req.path === "/v2.1/limits");
    expect(limitCalls.map((req) => req.headers["x-auth-token"])).toEqual(["replay-token-1", "replay-token-1"]);

    // The recorded token lives 24 h (issued_at → expires_at); 2 minutes before its end we are inside the margin.
    deps.advance(24 * 3_600_000 - 10 * 60_000);
    await client.limits.get();
    expect(cloud.tokensIssued()).toBe(1);
    deps.advance(8 * 60_000);
    await client.limits.get();
    expect(cloud.tokensIssued()).toBe(2);
    expect(cloud.requests.at(-1)?.headers["x-auth-token"]).toBe("replay-token-2");
  });

  it("shares one Keystone round trip between concurrent first calls", async () => {
    const client = createVhiClient(replayConfig(cloud.authUrl), fakeDeps());
    await Promise.all([client.limits.get(), client.limits.get(), client.limits.get()]);
    expect(cloud.tokensIssued()).toBe(1);
  });

  it("re-authenticates once after a 401 (revoked token) and retries the call", async () => {
    cloud.route(
      { method: "GET", service: "compute", path: "/v2.1/limits" },
      cloud.recorded("01-nova-revoked-token"),
      cloud.recorded("03-limits"),
    );
    const client = createVhiClient(replayConfig(cloud.authUrl), fakeDeps());
    const limits = await client.limits.get();
    expect(limits.instances.limit).toBe(100);
    expect(cloud.tokensIssued()).toBe(2);
  });

  it("gives up with VhiAuthError when a fresh token is rejected too", async () => {
    cloud.route({ method: "GET", service: "compute", path: "/v2.1/limits" }, cloud.recorded("01-nova-invalid-token"));
    const client = createVhiClient(replayConfig(cloud.authUrl), fakeDeps());
    await expect(client.limits.get()).rejects.toBeInstanceOf(VhiAuthError);
    expect(cloud.tokensIssued()).toBe(2);
  });

  it("reports wrong credentials as VhiAuthError without leaking the password", async () => {
    cloud.route(
      { method: "POST", service: "identity", path: "/v3/auth/tokens" },
      cloud.recorded("01-token-create-wrong-password"),
    );
    const client = createVhiClient(replayConfig(cloud.authUrl), fakeDeps());
    const error = await client.limits.get().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VhiAuthError);
    const authError = error as VhiAuthError;
    expect(authError.status).toBe(401);
    expect(authError.requestId).toBe("req-a6a761df-a4a5-4125-8f2a-b7331d669601");
    expect(JSON.stringify(authError.toJSON()) + authError.message + String(authError.stack)).not.toContain(
      "s3cret-Passw0rd",
    );
  });

  it("fails with VhiIncompatibleError when the region has no endpoint", async () => {
    const client = createVhiClient(replayConfig(cloud.authUrl, { region: "RegionTwo" }), fakeDeps());
    const error = await client.limits.get().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VhiIncompatibleError);
    expect((error as Error).message).toContain("RegionOne");
  });
});
