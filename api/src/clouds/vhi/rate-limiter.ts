/**
 * Client-side pacing for one cloud: a token bucket (requests per second with a burst) plus an optional cap on
 * requests in flight. A pool of workers can share one limiter so that, together, they stay under the rate limit
 * of the proxy in front of VHI instead of discovering it through 429s.
 */

export interface RequestLimiter {
  /** Waits for a slot; call the returned function when the request has finished. */
  acquire(signal?: AbortSignal): Promise<() => void>;
}

export interface RequestLimiterOptions {
  requestsPerSecond?: number;
  /** Bucket size; defaults to one second worth of requests. */
  burst?: number;
  maxConcurrency?: number;
  clock: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function createRequestLimiter(options: RequestLimiterOptions): RequestLimiter {
  const bucket =
    options.requestsPerSecond && options.requestsPerSecond > 0
      ? createTokenBucket(options.requestsPerSecond, options.burst, options.clock, options.sleep)
      : undefined;
  const semaphore =
    options.maxConcurrency && options.maxConcurrency > 0 ? createSemaphore(options.maxConcurrency) : undefined;

  return {
    async acquire(signal) {
      // Concurrency first: a request holding a rate token while queued for a slot would waste the token.
      const release = semaphore ? await semaphore.acquire(signal) : () => {};
      try {
        if (bucket) await bucket.take(signal);
      } catch (error) {
        release();
        throw error;
      }
      return release;
    },
  };
}

/**
 * Reservation-style bucket: tokens may go negative, each caller sleeping for its own share of the debt. Callers are
 * thus served in arrival order without a shared timer, and an injected clock/sleep makes it testable without waiting.
 */
function createTokenBucket(
  ratePerSecond: number,
  burst: number | undefined,
  clock: () => number,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
) {
  const capacity = Math.max(1, burst ?? Math.ceil(ratePerSecond));
  let tokens = capacity;
  let last = clock();

  return {
    async take(signal?: AbortSignal): Promise<void> {
      const now = clock();
      tokens = Math.min(capacity, tokens + ((now - last) / 1000) * ratePerSecond);
      last = now;
      tokens -= 1;
      if (tokens >= 0) return;
      const waitMs = Math.ceil((-tokens / ratePerSecond) * 1000);
      try {
        await sleep(waitMs, signal);
      } catch (error) {
        tokens += 1; // give the reservation back so later callers don't wait for an abandoned request
        throw error;
      }
    },
  };
}

function createSemaphore(max: number) {
  let inFlight = 0;
  const waiters: Array<() => void> = [];

  const release = () => {
    const next = waiters.shift();
    if (next) next();
    else inFlight -= 1;
  };

  return {
    acquire(signal?: AbortSignal): Promise<() => void> {
      if (inFlight < max) {
        inFlight += 1;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(once(release));
        };
        const onAbort = () => {
          const index = waiters.indexOf(grant);
          if (index >= 0) waiters.splice(index, 1);
          reject(signal?.reason);
        };
        if (signal?.aborted) return reject(signal.reason);
        signal?.addEventListener("abort", onAbort, { once: true });
        waiters.push(grant);
      });
    },
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
