import { describe, expect, it } from "vitest";
import {
  auditChanges,
  describeValue,
  formatDateTime,
  formatDuration,
  humanize,
  relativeTime,
  roleLabel,
  toneOf,
} from "./format";

describe("display formatting", () => {
  it("formats times in UTC and says so", () => {
    expect(formatDateTime("2026-03-05T14:07:00.000Z")).toBe("5 Mar 2026, 14:07 UTC");
    expect(formatDateTime(null)).toBe("—");
  });

  it("turns API words into labels", () => {
    expect(humanize("signIn.failed")).toBe("Sign in failed");
    expect(humanize("TENANT_ADMIN")).toBe("Tenant admin");
    expect(humanize("FAVOR_PREVIOUS")).toBe("Favor previous");
    expect(roleLabel("TENANT_HELPDESK")).toBe("Helpdesk");
    expect(toneOf("ERROR")).toBe("danger");
    expect(toneOf("something-new")).toBe("neutral");
  });

  it("says how long ago something happened", () => {
    const now = new Date("2026-03-05T12:00:00Z");
    expect(relativeTime("2026-03-05T11:59:30Z", now)).toBe("just now");
    expect(relativeTime("2026-03-05T11:15:00Z", now)).toBe("45 min ago");
    expect(relativeTime(null, now)).toBe("never");
  });

  it("renders audit values and changes as text, never as JSON", () => {
    expect(describeValue({ maxDesktops: 5, tags: ["a", "b"], on: true })).toBe("Max desktops: 5; Tags: a, b; On: yes");
    expect(auditChanges({ name: "Old", role: "x", id: "1" }, { name: "New", role: "x", id: "1" })).toEqual([
      { field: "Name", before: "Old", after: "New" },
    ]);
  });

  it("leaves out identifiers, bookkeeping timestamps and redacted secrets", () => {
    const changes = auditChanges(null, {
      id: "u1",
      tenantId: "t1",
      createdBy: "u0",
      passwordHash: "[redacted]",
      updatedAt: "2026-03-05T12:00:00Z",
      username: "jdoe",
    });
    expect(changes).toEqual([{ field: "Username", before: null, after: "jdoe" }]);
  });

  it("says how long a session lasted in the largest sensible units", () => {
    expect(formatDuration(40)).toBe("40 s");
    expect(formatDuration(12 * 60 + 5)).toBe("12 min");
    expect(formatDuration(3600 + 5 * 60)).toBe("1 h 5 min");
    expect(formatDuration(7200)).toBe("2 h");
    expect(formatDuration(2 * 86400 + 3 * 3600 + 59)).toBe("2 d 3 h");
  });
});
