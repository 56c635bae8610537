import { ReleaseReason } from "@atrium/schema";
import { describe, expect, it } from "vitest";
import { type AssignmentHistoryRaw, toAssignmentHistoryRow } from "./assignment-history.loader.js";

const raw = (releaseReason: string | null): AssignmentHistoryRaw => ({
  id: "a1",
  assignedAt: new Date("2026-06-01T08:00:00Z"),
  releasedAt: releaseReason ? new Date("2026-06-01T17:00:00Z") : null,
  releaseReason,
  username: "user1",
  desktopName: "acme-desk-01",
  poolName: "desktops",
});

describe("assignment history rows", () => {
  it("labels every release reason the broker writes", () => {
    const labels = Object.values(ReleaseReason).map((reason) => toAssignmentHistoryRow(raw(reason)).releaseReason);
    expect(labels).toEqual(["Released by user", "Released after disconnect", "Released after logout"]);
  });

  it("prints a value from outside the set as stored, and nothing for an open assignment", () => {
    expect(toAssignmentHistoryRow(raw("logout")).releaseReason).toBe("logout");
    expect(toAssignmentHistoryRow(raw(null)).releaseReason).toBeNull();
  });
});
