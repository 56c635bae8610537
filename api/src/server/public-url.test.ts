import type { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config/env.js";
import { CLIENT_PROOF_HEADER, signClientProof } from "../modules/access/client/portal-client-proof.js";
import { ssoBaseUrlOf } from "./public-url.js";

const KEY = "portal-client-key-portal-client-key-0123";
const NOW = new Date("2026-12-05T12:00:00Z");

function request(peer: string, headers: Record<string, string>): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: peer });
  return { socket, headers } as unknown as IncomingMessage;
}

const config = (env: Record<string, string>) =>
  loadConfig({ ATRIUM_SECRET: "x".repeat(40), ATRIUM_PORTAL_CLIENT_KEY: KEY, ...env });

const FORWARDED = { host: "127.0.0.1:4000", "x-forwarded-proto": "https", "x-forwarded-host": "desktops.example.com" };

describe("the base URL of the SSO endpoints", () => {
  it("is ATRIUM_PUBLIC_URL (else API_PUBLIC_URL) whatever the request says", () => {
    const both = config({ ATRIUM_PUBLIC_URL: "https://desktops.example.com/", API_PUBLIC_URL: "https://api.example" });
    expect(ssoBaseUrlOf(request("127.0.0.1", { host: "127.0.0.1:4000" }), both, NOW)).toBe(
      "https://desktops.example.com",
    );
    const apiOnly = config({ API_PUBLIC_URL: "https://api.example.com" });
    expect(ssoBaseUrlOf(request("203.0.113.9", FORWARDED), apiOnly, NOW)).toBe("https://api.example.com");
  });

  it("believes X-Forwarded-Proto and -Host only from the API's trusted proxies or the portal", () => {
    const trusting = config({ TRUSTED_PROXIES: "10.0.0.0/8" });
    expect(ssoBaseUrlOf(request("10.0.0.5", FORWARDED), trusting, NOW)).toBe("https://desktops.example.com");
    expect(ssoBaseUrlOf(request("203.0.113.9", FORWARDED), trusting, NOW)).toBe("http://127.0.0.1:4000");
    const proof = signClientProof(Buffer.from(KEY), "198.51.100.7", "req-1", NOW);
    const fromPortal = { ...FORWARDED, [CLIENT_PROOF_HEADER]: proof, "x-request-id": "req-1" };
    expect(ssoBaseUrlOf(request("203.0.113.9", fromPortal), config({}), NOW)).toBe("https://desktops.example.com");
  });

  it("takes the nearest proxy's word and refuses a host that is not one", () => {
    const trusting = config({ TRUSTED_PROXIES: "10.0.0.0/8" });
    const chained = { host: "a", "x-forwarded-proto": "http, https", "x-forwarded-host": "evil.example, ok.example" };
    expect(ssoBaseUrlOf(request("10.0.0.5", chained), trusting, NOW)).toBe("https://ok.example");
    const odd = { host: "a", "x-forwarded-proto": "gopher", "x-forwarded-host": "x/../@evil" };
    expect(ssoBaseUrlOf(request("10.0.0.5", odd), trusting, NOW)).toBe("http://localhost");
  });
});
