import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../fixtures/accessibility.js";
import { usePortalE2e } from "../fixtures/e2e.js";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

// Issue 17's last "Done when": the audit log answers "who did what": sign-ins name the user, the list filters by
// actor and period on the server, and the filtered set downloads as CSV.
describe("portal: the tenant's audit log filters by actor and period and exports CSV", () => {
  const { stack, signedIn } = usePortalE2e();

  it("shows user1's sign-in as user1's, filters to it and exports the filtered set", async () => {
    const user = await signedIn("/t/acme", "user1");
    await user.close();
    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    await page.goto(`${stack.portalUrl}/console/audit`);
    await page.getByRole("heading", { name: "Audit log", exact: true }).waitFor();
    await page.getByLabel("Who").fill("user1");
    await page.getByLabel("From").fill(day(0));
    await page.getByLabel("To").fill(day(0));
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/actor=user1/);
    const rows = page.getByRole("table", { name: "Audit events" }).getByRole("row");
    const signIn = rows.filter({ hasText: "Sign in" }).first();
    await signIn.getByText("user1", { exact: true }).first().waitFor();
    await expect(rows.filter({ hasText: "anonymous" }).count()).resolves.toBe(0);
    // Every row left is user1's.
    const who = await page
      .getByRole("table", { name: "Audit events" })
      .locator("tbody tr td:nth-child(2) .cell-title")
      .allTextContents();
    expect(who.length).toBeGreaterThan(0);
    expect(new Set(who)).toEqual(new Set(["user1"]));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await admin.screenshot("tenant-audit-filtered");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    const file = fs.readFileSync((await download.path()) ?? "", "utf8");
    expect(download.suggestedFilename(), file).toMatch(/^audit-.*\.csv$/);
    const csv = file.trim().split("\r\n");
    expect(csv[0]).toBe("time,actor,actor type,action,target type,target,changes,tenant,request id");
    expect(csv.length).toBe(who.length + 1);
    expect(csv.slice(1).every((line) => line.split(",")[1] === "user1")).toBe(true);
    expect(csv.some((line) => line.includes(",signIn,"))).toBe(true);

    // A period before today holds none of it.
    await page.getByLabel("From").fill(day(-3));
    await page.getByLabel("To").fill(day(-2));
    await page.getByRole("button", { name: "Filter" }).click();
    await page.getByText("No events match").waitFor();
    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 240_000);
});
