import { describe, expect, it } from "vitest";
import { type PlannedDesktop, planScale } from "./scaling-plan.js";

const sizes = { minTotal: 0, maxTotal: 10, minAvailable: 2, minRunning: 0 };
let seq = 0;
const desktop = (over: Partial<PlannedDesktop> = {}): PlannedDesktop => ({
  id: `d${++seq}`,
  seq,
  assigned: false,
  outOfService: false,
  deleting: false,
  broken: false,
  provisioning: false,
  running: true,
  ...over,
});

describe("planScale", () => {
  it("keeps minAvailable unassigned on top of the assigned desktops", () => {
    const desktops = [desktop({ assigned: true }), desktop({ assigned: true }), desktop()];
    expect(planScale(sizes, desktops, false)).toMatchObject({ target: 4, create: 1, remove: [] });
  });

  it("honours minTotal and caps at maxTotal, saying so", () => {
    expect(planScale({ ...sizes, minTotal: 5 }, [], false)).toMatchObject({ target: 5, create: 5 });
    const assigned = Array.from({ length: 9 }, () => desktop({ assigned: true }));
    expect(planScale(sizes, assigned, false)).toMatchObject({ target: 10, create: 1, cappedBy: "maxTotal" });
  });

  it("shrinks only with enforceLimits, only unassigned desktops, broken and newest first", () => {
    const keep = desktop({ assigned: true });
    const old = desktop();
    const broken = desktop({ broken: true });
    const newest = desktop();
    const parked = desktop({ running: false });
    const desktops = [keep, old, broken, newest, parked];
    const small = { ...sizes, minAvailable: 1 };
    expect(planScale(small, desktops, false).remove).toEqual([]);
    expect(planScale(small, desktops, true).remove).toEqual([broken.id, parked.id, newest.id]);
    expect(planScale({ ...small, maxTotal: 0 }, desktops, true).remove).not.toContain(keep.id);
  });

  it("does not count desktops already being deleted", () => {
    const desktops = [desktop({ deleting: true }), desktop({ deleting: true })];
    expect(planScale(sizes, desktops, true)).toMatchObject({ create: 2, remove: [] });
  });

  // Issue 14, item 6: an out-of-service desktop was counted as headroom, so the pool kept one free desktop too few.
  it("counts out-of-service desktops as held, not free, and never removes them on scale-down", () => {
    const outOfService = desktop({ outOfService: true });
    const desktops = [outOfService, desktop(), desktop()];
    expect(planScale(sizes, desktops, false)).toMatchObject({ target: 3, create: 0 });
    expect(planScale({ ...sizes, minAvailable: 2 }, [outOfService, desktop()], false)).toMatchObject({
      target: 3,
      create: 1,
    });
    expect(planScale({ ...sizes, minAvailable: 0 }, desktops, true).remove).not.toContain(outOfService.id);
  });
});
