import { describe, expect, it } from "vitest";
import { clearHref, linkParams, listParams } from "./list-params";
import { nextHref } from "./pagination";

describe("a list's state in the URL", () => {
  it("reads only the declared filters and views, and pages from the cursor", () => {
    const list = listParams(
      { view: "all", pool: " p1 ", state: "", other: "x", after: "c2", back: "-,c1" },
      { filters: ["pool", "state"], keep: ["view"], pageSize: 10 },
    );
    expect(list.filters).toEqual({ pool: "p1" });
    expect(list.keep).toEqual({ view: "all" });
    expect(list.filtered).toBe(true);
    expect(list.args).toEqual({ first: 10, after: "c2" });
    expect(list.page.back).toEqual(["-", "c1"]);
  });

  it("is unfiltered on a bare URL and pages by the default size", () => {
    const list = listParams({ view: "all" }, { keep: ["view"] });
    expect(list.filtered).toBe(false);
    expect(list.args).toEqual({ first: 25, after: null });
  });

  it("keeps view and filters on every page link, and only the view when the filters are cleared", () => {
    const list = listParams({ view: "all", pool: "p1", after: "c2", back: "-" }, { filters: ["pool"], keep: ["view"] });
    expect(linkParams(list)).toEqual({ view: "all", pool: "p1" });
    expect(nextHref(linkParams(list), list.page, "c3")).toBe("?view=all&pool=p1&after=c3&back=-%2Cc2");
    expect(clearHref(list)).toBe("?view=all");
    expect(clearHref(listParams({ q: "ann" }, { filters: ["q"] }))).toBe("?");
  });
});
