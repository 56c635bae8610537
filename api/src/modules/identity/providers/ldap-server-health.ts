/**
 * Which directory URLs recently gave no answer, per process. A dead or hung domain controller then costs one
 * connect timeout once and is tried last for a while, instead of delaying every sign-in. Only an ordering hint:
 * losing it (restart, another node) costs one more timeout, never a wrong answer, so it may live in memory.
 */
const SKIP_MS = 60_000;
const deadUntil = new Map<string, number>();

export function markServerDead(url: string, now: number = Date.now()): void {
  deadUntil.set(url, now + SKIP_MS);
}

export function markServerAlive(url: string): void {
  deadUntil.delete(url);
}

/** The URLs in configured order, those marked dead moved to the end (still tried when nothing else answers). */
export function orderByHealth(urls: readonly string[], now: number = Date.now()): string[] {
  const isDead = (url: string) => (deadUntil.get(url) ?? 0) > now;
  return [...urls.filter((url) => !isDead(url)), ...urls.filter(isDead)];
}

/** Tests start from a clean slate. */
export function forgetServerHealth(): void {
  deadUntil.clear();
}
