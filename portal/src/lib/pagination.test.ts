import { describe, expect, it } from "vitest";
import { filterParams, nextHref, pageNumber, pageStateOf, previousHref } from "./pagination";

describe("cursor pagination in the URL", () => {
  it("walks forward and back through pages, keeping filters", () => {
    const first = pageStateOf({ q: "ann" });
    expect(pageNumber(first)).toBe(1);
    expect(previousHref({ q: "ann" }, first)).toBeNull();
    const toSecond = nextHref({ q: "ann" }, first, "c1");
    expect(toSecond).toBe("?q=ann&after=c1&back=-");

    const second = pageStateOf(Object.fromEntries(new URLSearchParams(toSecond.slice(1))));
    expect(pageNumber(second)).toBe(2);
    const toThird = nextHref({ q: "ann" }, second, "c2");
    const third = pageStateOf(Object.fromEntries(new URLSearchParams(toThird.slice(1))));
    expect(third).toEqual({ after: "c2", back: ["-", "c1"] });
    expect(previousHref({ q: "ann" }, third)).toBe("?q=ann&after=c1&back=-");
    expect(previousHref({ q: "ann" }, second)).toBe("?q=ann");
  });

  it("keeps only non-empty string filters", () => {
    expect(filterParams({ q: " x ", pool: "", other: ["a"], after: "c" }, ["q", "pool", "other"])).toEqual({ q: "x" });
  });
});
