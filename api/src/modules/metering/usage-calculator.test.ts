import { describe, expect, it } from "vitest";
import { type MeterInput, meterUsage, type PowerStretch } from "./usage-calculator.js";

const at = (iso: string) => new Date(`2026-03-10T${iso}Z`);
const POOL = "pool-a";

function stretch(overrides: Partial<PowerStretch>): PowerStretch {
  return {
    desktopId: "d1",
    poolId: POOL,
    powerState: "running",
    flavorRef: "vdi.medium",
    vcpus: 2,
    ramMb: 4096,
    storageGb: 40,
    startedAt: at("10:00:00"),
    endedAt: null,
    ...overrides,
  };
}

function input(overrides: Partial<MeterInput>): MeterInput {
  return {
    from: at("10:00:00"),
    to: at("13:00:00"),
    stretches: [],
    assignments: [],
    sessions: [],
    desktopPools: new Map([["d1", POOL]]),
    poolFlavors: new Map([[POOL, "vdi.medium"]]),
    ...overrides,
  };
}

describe("meterUsage", () => {
  it("splits a stretch at every hour boundary and cuts it to the window", () => {
    const totals = meterUsage(input({ stretches: [stretch({ startedAt: at("09:30:00"), endedAt: at("11:15:00") })] }));
    expect(totals.map((t) => [t.hourStart.toISOString(), t.poweredOnMs])).toEqual([
      [at("10:00:00").toISOString(), 3_600_000n],
      [at("11:00:00").toISOString(), 900_000n],
    ]);
    expect(totals[1]).toMatchObject({ vcpuMs: 1_800_000n, ramMbMs: 4096n * 900_000n, storageGbMs: 40n * 900_000n });
  });

  it("bills storage but not compute while the server is stopped", () => {
    const [total] = meterUsage(input({ to: at("11:00:00"), stretches: [stretch({ powerState: "stopped" })] }));
    expect(total).toMatchObject({ poweredOnMs: 0n, vcpuMs: 0n, ramMbMs: 0n, storageGbMs: 40n * 3_600_000n });
  });

  it("gives powered-on time to whoever held the desktop, the rest to nobody", () => {
    const totals = meterUsage(
      input({
        to: at("11:00:00"),
        stretches: [stretch({})],
        assignments: [
          { desktopId: "d1", poolId: POOL, userId: "u1", assignedAt: at("10:15:00"), releasedAt: at("10:45:00") },
        ],
        sessions: [{ desktopId: "d1", userId: "u1", startedAt: at("10:20:00"), endedAt: at("10:40:00") }],
      }),
    );
    expect(totals.map((t) => [t.userId, t.poweredOnMs, t.assignedMs, t.sessionMs])).toEqual([
      [null, 1_800_000n, 0n, 0n],
      ["u1", 1_800_000n, 1_800_000n, 1_200_000n],
    ]);
  });

  it("counts open spans up to the end of the window only", () => {
    const totals = meterUsage(
      input({
        from: at("12:00:00"),
        stretches: [stretch({ startedAt: at("08:00:00") })],
        sessions: [{ desktopId: "d1", userId: null, startedAt: at("12:30:00"), endedAt: null }],
      }),
    );
    expect(totals).toHaveLength(1);
    expect(totals[0]).toMatchObject({ userId: null, poweredOnMs: 3_600_000n, sessionMs: 1_800_000n });
  });

  it("is a pure function of its input: the same history gives the same totals", () => {
    const history = input({
      stretches: [stretch({ endedAt: at("11:30:00") }), stretch({ powerState: "stopped", startedAt: at("11:30:00") })],
      assignments: [{ desktopId: "d1", poolId: POOL, userId: "u1", assignedAt: at("10:05:00"), releasedAt: null }],
    });
    expect(meterUsage(history)).toEqual(meterUsage(history));
  });
});
