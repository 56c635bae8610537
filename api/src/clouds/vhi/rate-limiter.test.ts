import { describe, expect, it } from "vitest";
import { createRequestLimiter } from "./rate-limiter.js";

function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
  };
}

describe("request limiter", () => {
  it("lets a burst through, then spaces callers by their reserved share", async () => {
    const time = fakeTime();
    const limiter = createRequestLimiter({ requestsPerSecond: 20, burst: 2, clock: time.clock, sleep: time.sleep });
    for (let i = 0; i < 5; i += 1) (await limiter.acquire())();
    // Two from the bucket, then 1/20 s, 2/20 s, 3/20 s of debt for the next three.
    expect(time.sleeps).toEqual([50, 100, 150]);
  });

  it("refills with time", async () => {
    const time = fakeTime();
    const limiter = createRequestLimiter({ requestsPerSecond: 10, burst: 1, clock: time.clock, sleep: time.sleep });
    (await limiter.acquire())();
    time.advance(100);
    (await limiter.acquire())();
    expect(time.sleeps).toEqual([]);
  });

  it("caps requests in flight and hands slots over in order", async () => {
    const time = fakeTime();
    const limiter = createRequestLimiter({ maxConcurrency: 2, clock: time.clock, sleep: time.sleep });
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    const order: string[] = [];
    const third = limiter.acquire().then((release) => {
      order.push("third");
      return release;
    });
    const fourth = limiter.acquire().then((release) => {
      order.push("fourth");
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    first(); // releasing twice must not free a second slot
    (await third)();
    second();
    (await fourth)();
    expect(order).toEqual(["third", "fourth"]);
  });

  it("drops an aborted waiter from the queue", async () => {
    const time = fakeTime();
    const limiter = createRequestLimiter({ maxConcurrency: 1, clock: time.clock, sleep: time.sleep });
    const held = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
    held();
    const next = await limiter.acquire();
    next();
  });
});
