import { describe, expect, it } from "vitest";
import {
  consumeRecoveryCode,
  generateRecoveryCodes,
  hashRecoveryCodes,
  normaliseRecoveryCode,
} from "./recovery-codes.js";

describe("recovery codes", () => {
  it("generates distinct, readable codes", () => {
    const codes = generateRecoveryCodes(10);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes)
      expect(code).toMatch(/^[2346789ACDEFGHJKMNPQRTUVWXYZ]{5}-[2346789ACDEFGHJKMNPQRTUVWXYZ]{5}$/);
  });

  it("stores argon2id hashes, never the codes", async () => {
    const codes = generateRecoveryCodes(2);
    const hashes = await hashRecoveryCodes(codes);
    for (const [i, stored] of hashes.entries()) {
      expect(stored.startsWith("$argon2id$")).toBe(true);
      expect(stored).not.toContain(normaliseRecoveryCode(codes[i]));
    }
  });

  it("consumes a code exactly once, accepting how people type it", async () => {
    const codes = generateRecoveryCodes(3);
    const hashes = await hashRecoveryCodes(codes);
    const typed = ` ${codes[1].toLowerCase().replace("-", " ")} `;
    const used = await consumeRecoveryCode(hashes, typed);
    if (!used.ok) throw new Error("a valid code must be accepted");
    expect(used.remainingHashes).toEqual([hashes[0], hashes[2]]);
    expect(await consumeRecoveryCode(used.remainingHashes, codes[1])).toEqual({ ok: false });
    const other = await consumeRecoveryCode(used.remainingHashes, codes[2]);
    expect(other.ok && other.remainingHashes).toEqual([hashes[0]]);
  });

  it("rejects unknown, malformed codes and survives a corrupt stored hash", async () => {
    const codes = generateRecoveryCodes(1);
    const hashes = ["not-a-hash", ...(await hashRecoveryCodes(codes))];
    expect(await consumeRecoveryCode(hashes, "AAAAA-AAAAA")).toEqual({ ok: false });
    expect(await consumeRecoveryCode(hashes, "short")).toEqual({ ok: false });
    expect(await consumeRecoveryCode(hashes, codes[0])).toEqual({ ok: true, remainingHashes: ["not-a-hash"] });
  });
});
