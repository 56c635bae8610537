import { describe, expect, it } from "vitest";
import type { VhiLimits } from "./nova.schemas.js";
import { instancesThatFit } from "./quota-headroom.js";

const limits = (
  instances: [number, number],
  cores: [number, number],
  ramMb: [number, number],
): Pick<VhiLimits, "instances" | "cores" | "ramMb"> => ({
  instances: { limit: instances[0], used: instances[1] },
  cores: { limit: cores[0], used: cores[1] },
  ramMb: { limit: ramMb[0], used: ramMb[1] },
});

describe("instancesThatFit", () => {
  it("takes the tightest of instances, cores and RAM", () => {
    expect(instancesThatFit(limits([10, 2], [20, 4], [51_200, 8_192]), { vcpus: 4, ramMb: 8_192 })).toBe(4);
    expect(instancesThatFit(limits([10, 9], [20, 0], [51_200, 0]), { vcpus: 1, ramMb: 512 })).toBe(1);
  });

  it("treats -1 as unlimited and never goes negative", () => {
    expect(instancesThatFit(limits([-1, 5], [-1, 5], [-1, 5]), { vcpus: 2, ramMb: 2 })).toBe(Number.POSITIVE_INFINITY);
    expect(instancesThatFit(limits([2, 3], [-1, 0], [-1, 0]), { vcpus: 2, ramMb: 2 })).toBe(0);
  });
});
