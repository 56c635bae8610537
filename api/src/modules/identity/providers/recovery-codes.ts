import { randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// No 0/O, 1/I/L, 5/S, 8/B: codes are read off paper and typed by hand. 28 symbols × 10 = ~48 bits per code.
const ALPHABET = "2346789ACDEFGHJKMNPQRTUVWXYZ";
const CODE_LENGTH = 10;
/** @node-rs/argon2's Algorithm.Argon2id; the enum is `const` and not importable as a value under isolated modules. */
const ARGON2ID = 2;

/** Formats as XXXXX-XXXXX. */
function formatCode(raw: string): string {
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** Accepts lower case, spaces and missing or extra dashes, as people type them. */
export function normaliseRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, "");
}

/** Generates `count` single-use recovery codes to show the user once. */
export function generateRecoveryCodes(count = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let raw = "";
    for (let i = 0; i < CODE_LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
    codes.add(formatCode(raw));
  }
  return [...codes];
}

/** Argon2id hashes of the codes, to store instead of the codes. */
export function hashRecoveryCodes(codes: string[]): Promise<string[]> {
  return Promise.all(codes.map((code) => hash(normaliseRecoveryCode(code), { algorithm: ARGON2ID })));
}

export type RecoveryCodeUse = { ok: true; remainingHashes: string[] } | { ok: false };

/**
 * Checks a typed code against the stored hashes. On success the matching hash is removed: the caller must persist
 * `remainingHashes` (atomically with the sign-in) so the code can never be used twice.
 */
export async function consumeRecoveryCode(storedHashes: string[], input: string): Promise<RecoveryCodeUse> {
  const candidate = normaliseRecoveryCode(input);
  if (candidate.length !== CODE_LENGTH || ![...candidate].every((char) => ALPHABET.includes(char))) {
    return { ok: false };
  }
  for (let i = 0; i < storedHashes.length; i++) {
    let matches = false;
    try {
      matches = await verify(storedHashes[i], candidate);
    } catch {
      // A corrupt stored hash must not stop the other codes from working.
      matches = false;
    }
    if (matches) return { ok: true, remainingHashes: storedHashes.filter((_, index) => index !== i) };
  }
  return { ok: false };
}
