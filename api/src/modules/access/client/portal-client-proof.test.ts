import { describe, expect, it } from "vitest";
import { signClientProof, verifyClientProof } from "./portal-client-proof.js";

const KEY = Buffer.from("portal-client-key-portal-client-key-0123");
const AT = new Date(1_767_225_600_000);
// The vector portal/server/browser-client.test.ts pins for the portal's signer: the two sides agree on the format.
const PINNED = "v1;198.51.100.7;1767225600;FAUEx0m3SzAXdVJIBkqdQrEYf9V8f2HeXEiTyAehiiY";

describe("the portal's proof of the client address", () => {
  it("accepts the portal's proof for its request id, within five minutes", () => {
    expect(signClientProof(KEY, "198.51.100.7", "req-1", AT)).toBe(PINNED);
    expect(verifyClientProof(KEY, PINNED, "req-1", AT)).toBe("198.51.100.7");
    expect(verifyClientProof(KEY, PINNED, "req-1", new Date(AT.getTime() + 299_000))).toBe("198.51.100.7");
    expect(verifyClientProof(KEY, signClientProof(KEY, "unknown", "r", AT), "r", AT)).toBe("unknown");
  });

  it("refuses a proof for another request, another key, an edited address, or one too old", () => {
    expect(verifyClientProof(KEY, PINNED, "req-2", AT)).toBeNull();
    expect(verifyClientProof(Buffer.from("another-key-another-key-another-key-0"), PINNED, "req-1", AT)).toBeNull();
    expect(verifyClientProof(KEY, PINNED.replace("198.51.100.7", "10.1.2.3"), "req-1", AT)).toBeNull();
    expect(verifyClientProof(KEY, PINNED, "req-1", new Date(AT.getTime() + 301_000))).toBeNull();
    expect(verifyClientProof(KEY, `${PINNED};x`, "req-1", AT)).toBeNull();
    expect(verifyClientProof(KEY, undefined, "req-1", AT)).toBeNull();
    expect(verifyClientProof(KEY, [PINNED, PINNED], "req-1", AT)).toBeNull();
  });
});
