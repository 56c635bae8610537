import type { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { browserAddress, trustedProxies, vouchForBrowser } from "./browser-client";
import { CLIENT_PROOF_HEADER, signClientProof } from "./client-proof";

function request(peer: string, headers: Record<string, string> = {}): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: peer });
  return { socket, connection: socket, headers: { ...headers } } as unknown as IncomingMessage;
}

const KEY = "portal-client-key-portal-client-key-0123";

describe("the browser's address as the portal sees it", () => {
  it("is the socket peer when no proxy is trusted, whatever the browser wrote", () => {
    const trust = trustedProxies("");
    expect(browserAddress(request("203.0.113.9", { "x-forwarded-for": "10.1.2.3" }), trust)).toBe("203.0.113.9");
    expect(browserAddress(request("::ffff:198.51.100.7"), trust)).toBe("198.51.100.7");
  });

  it("is the right-most hop that is not one of the portal's own proxies", () => {
    const trust = trustedProxies("10.0.0.0/8, 127.0.0.1");
    const viaProxies = request("127.0.0.1", { "x-forwarded-for": "10.1.2.3, 198.51.100.7, 10.0.0.5" });
    expect(browserAddress(viaProxies, trust)).toBe("198.51.100.7");
    expect(browserAddress(request("127.0.0.1", { "x-forwarded-for": "10.1.2.3, garbage" }), trust)).toBe("unknown");
  });

  it("replaces whatever proof, request id and forwarded-for the browser sent", () => {
    const forged = request("203.0.113.9", {
      [CLIENT_PROOF_HEADER]: "v1;10.1.2.3;0;forged",
      "x-request-id": "bad id with spaces",
      "x-forwarded-for": "10.1.2.3",
    });
    const now = new Date("2026-03-01T12:00:00Z");
    vouchForBrowser(forged, trustedProxies(""), KEY, now);
    const requestId = String(forged.headers["x-request-id"]);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(forged.headers["x-forwarded-for"]).toBe("203.0.113.9");
    expect(forged.headers[CLIENT_PROOF_HEADER]).toBe(signClientProof(KEY, "203.0.113.9", requestId, now));
  });
});

describe("the proof format shared with the API", () => {
  it("signs the pinned vector the API's test verifies", () => {
    const proof = signClientProof(KEY, "198.51.100.7", "req-1", new Date(1_767_225_600_000));
    expect(proof).toBe("v1;198.51.100.7;1767225600;FAUEx0m3SzAXdVJIBkqdQrEYf9V8f2HeXEiTyAehiiY");
  });
});

describe("the origin the browser used", () => {
  const FORWARDED = {
    host: "127.0.0.1:3000",
    "x-forwarded-proto": "https",
    "x-forwarded-host": "desktops.example.com",
  };

  it("is what the portal's own trusted proxy wrote", () => {
    const viaProxy = request("127.0.0.1", { ...FORWARDED });
    vouchForBrowser(viaProxy, trustedProxies("127.0.0.1"), KEY, new Date());
    expect(viaProxy.headers["x-forwarded-proto"]).toBe("https");
    expect(viaProxy.headers["x-forwarded-host"]).toBe("desktops.example.com");
  });

  it("is this socket's http and the Host header when anyone else names another", () => {
    const forged = request("203.0.113.9", { ...FORWARDED });
    vouchForBrowser(forged, trustedProxies("127.0.0.1"), KEY, new Date());
    expect(forged.headers["x-forwarded-proto"]).toBe("http");
    expect(forged.headers["x-forwarded-host"]).toBe("127.0.0.1:3000");
  });
});
