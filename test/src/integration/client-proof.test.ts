import { createHmac } from "node:crypto";
import { LoginEvent } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, PASSWORD } from "../fixtures/factories.js";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";
import { SIGN_IN_WITH_PASSWORD } from "../idp/identity-helpers.js";

// The API as the portal's peer: it believes the portal's signed statement of the browser's address, and no bare
// X-Forwarded-For from a peer that is not one of its own proxies (here: none are configured).
const KEY = "portal-client-key-for-the-test-0123456789";
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ TRUSTED_PROXIES: "", ATRIUM_PORTAL_CLIENT_KEY: KEY });
  await createTenantWithPeople(app, "acme");
});

afterAll(async () => {
  await app?.close();
});

function proof(address: string, requestId: string, key = KEY): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  const mac = createHmac("sha256", key).update(`v1;${address};${requestId};${issuedAt}`).digest("base64url");
  return `v1;${address};${issuedAt};${mac}`;
}

async function signInRecording(username: string, headers: Record<string, string>): Promise<string | undefined> {
  await app.gql(SIGN_IN_WITH_PASSWORD, { input: { username, password: PASSWORD, tenant: "acme" } }, undefined, headers);
  const event = await app.database.dataSource
    .getRepository(LoginEvent)
    .findOne({ where: { username }, order: { createdAt: "DESC" } });
  return event?.clientIp;
}

describe("the client address the API believes", () => {
  it("is the socket peer when a peer that is no proxy of the API sends X-Forwarded-For", async () => {
    expect(await signInRecording("user1", { "x-forwarded-for": "10.1.2.3" })).toBe("127.0.0.1");
  });

  it("is the portal's address for the browser when the proof is the portal's, for this request", async () => {
    const headers = { "x-request-id": "req-proof-1", "x-atrium-client": proof("198.51.100.7", "req-proof-1") };
    expect(await signInRecording("user1", headers)).toBe("198.51.100.7");
  });

  it("ignores a proof for another request, or signed with another key", async () => {
    const replayed = { "x-request-id": "req-proof-2", "x-atrium-client": proof("198.51.100.7", "req-proof-1") };
    expect(await signInRecording("helpdesk", replayed)).toBe("127.0.0.1");
    const foreign = {
      "x-request-id": "req-proof-3",
      "x-atrium-client": proof("198.51.100.7", "req-proof-3", "another-key-another-key-another-key-01"),
    };
    expect(await signInRecording("admin", foreign)).toBe("127.0.0.1");
  });
});
