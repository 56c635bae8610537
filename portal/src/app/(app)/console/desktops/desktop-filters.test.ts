import { describe, expect, it } from "vitest";
import { desktopFilter } from "./desktop-filters";

describe("the desktops list's filters as the API takes them", () => {
  it("passes power state and service through, typed", () => {
    expect(desktopFilter({ power: "STOPPED", service: "out", q: "acme" })).toEqual({
      search: "acme",
      poolId: null,
      availability: null,
      powerState: "STOPPED",
      outOfService: true,
    });
    expect(desktopFilter({ service: "in" }).outOfService).toBe(false);
  });

  it("drops a tampered value instead of sending it", () => {
    expect(desktopFilter({ power: "SIDEWAYS", service: "maybe", availability: "'; drop" })).toMatchObject({
      powerState: null,
      outOfService: null,
      availability: null,
    });
  });
});
