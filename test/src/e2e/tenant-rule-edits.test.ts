import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../fixtures/accessibility.js";
import { usePortalE2e } from "../fixtures/e2e.js";
import { apiCall, apiSignIn } from "../fixtures/stack.js";

/** Waits until the launcher offers a desktop: the demo pool's first desktops are still being built at start. */
async function openLauncher(page: Page, portalUrl: string) {
  for (let attempt = 0; attempt < 90; attempt++) {
    await page.goto(`${portalUrl}/desktops`);
    if ((await page.getByRole("article").count()) > 0) return page.getByRole("article").first();
    await page.waitForTimeout(1000);
  }
  throw new Error("the demo pool offered no desktop within 90 seconds");
}

// Issue 17's first "Done when": a rule is edited in place (its location) and dragged above another; the next
// connect follows the new order, and the audit log shows the edit's before/after by name.
describe("portal: assignment rules edited in place and reordered by drag and drop", () => {
  const { stack, signedIn } = usePortalE2e();

  beforeAll(async () => {
    // A rule that would lock user1 out, placed last and at an office nobody connects from: it decides nothing yet.
    const admin = await apiSignIn(stack.apiUrl, "admin", "acme");
    const call = <T>(query: string, variables: Record<string, unknown> = {}) =>
      apiCall<T>(stack.apiUrl, query, variables, admin);
    const location = async (name: string, cidrs: string[]) =>
      (
        await call<{ createLocation: { id: string } }>(
          "mutation($input: CreateLocationInput!) { createLocation(input: $input) { id } }",
          { input: { name, cidrs } },
        )
      ).createLocation.id;
    const office = await location("Branch office", ["192.0.2.0/24"]);
    await location("All addresses", ["0.0.0.0/0", "::/0"]);
    const policy = await call<{ createPolicy: { id: string } }>(
      'mutation { createPolicy(input: { name: "Kiosk only" }) { id } }',
    );
    await call("mutation($input: AssignmentRuleInput!) { createAssignmentRule(input: $input) { id } }", {
      input: {
        position: 1000,
        description: "Lockdown",
        effect: "ALLOW",
        policyId: policy.createPolicy.id,
        locationIds: [office],
      },
    });
  }, 60_000);

  it("moves a rule to another location and above the demo rule; user1's next connect is refused", async () => {
    const user = await signedIn("/t/acme", "user1");
    const card = await openLauncher(user.page, stack.portalUrl);
    await card.getByLabel("Remote Desktop app (RDP)").check();

    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    await page.goto(`${stack.portalUrl}/console/rules`);
    const lockdown = page.getByRole("row", { name: "rule 2: Lockdown" });
    await lockdown.getByText("at Branch office").waitFor();
    await lockdown.getByRole("link", { name: "Edit rule 2: Lockdown" }).click();
    await page.getByRole("heading", { name: "Edit rule", exact: true }).waitFor();
    await page.getByLabel("Branch office").uncheck();
    await page.getByLabel("All addresses").check();
    await page.getByRole("button", { name: "Save rule" }).click();
    await page.getByText("The rule was saved.").waitFor();
    await page.getByRole("row", { name: "rule 2: Lockdown" }).getByText("at All addresses").waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Drag Lockdown onto the first row: it goes first, and the whole order is saved at once.
    const first = page.getByRole("row", { name: /^rule 1: / });
    await page.getByRole("row", { name: "rule 2: Lockdown" }).dragTo(first);
    await page.getByText("The new order was saved.").waitFor();
    await page.getByRole("row", { name: "rule 1: Lockdown" }).waitFor();
    await admin.screenshot("tenant-rules-reordered");

    // user1's page is still open from before: the next connect is decided by the new first rule.
    await card.getByRole("button", { name: /^(Re)?[Cc]onnect$/ }).click();
    await card.getByRole("alert").filter({ hasText: "Your policy does not offer this desktop" }).waitFor();
    await user.screenshot("launcher-after-reorder");

    // The keyboard moves it back down (the same save), and the audit names what changed.
    await page.getByRole("button", { name: "Move rule 1: Lockdown down" }).click();
    await page.getByRole("row", { name: "rule 2: Lockdown" }).waitFor();
    await page.goto(`${stack.portalUrl}/console/audit?action=updateAssignmentRule`);
    const edit = page.getByRole("row").filter({ hasText: "Update assignment rule" }).first();
    await edit.getByText("Branch office → All addresses").waitFor();
    await edit.getByText("admin").first().waitFor();
    await page.goto(`${stack.portalUrl}/console/audit?action=reorderAssignmentRules`);
    await page.getByRole("row").filter({ hasText: "Lockdown (allow)" }).first().waitFor();
    await admin.screenshot("tenant-audit-rule-edit");
    expect(admin.errors).toEqual([]);
    expect(user.errors).toEqual([]);
    await admin.close();
    await user.close();
  }, 300_000);
});
