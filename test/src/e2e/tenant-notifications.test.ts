import { describe, expect, it } from "vitest";
import { usePortalE2e } from "../fixtures/e2e.js";

// The tenant admin's notification set-up in the browser: an own mail server whose password is write-only, and alert
// rules whose addresses the API checks.
describe("portal: mail server and alert rules", () => {
  const { signedIn } = usePortalE2e();

  it("creates an alert rule, rejects a bad recipient and saves a mail server without showing its password", async () => {
    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    await page.getByRole("link", { name: "Notifications" }).click();
    await page.getByRole("heading", { name: "Notifications", exact: true }).waitFor();
    await page.getByText("No alert rules yet").waitFor();

    const ruleForm = page.getByRole("form", { name: "New alert rule" });
    await ruleForm.getByLabel("Name").fill("Pool running low");
    await ruleForm.getByLabel("When").selectOption("POOL_AVAILABLE_BELOW");
    await ruleForm.getByLabel("Threshold").fill("2");
    await ruleForm.getByLabel("Recipients").fill("oncall@acme.test, not-an-address");
    await ruleForm.getByRole("button", { name: "Create alert rule" }).click();
    // The API's class-validator message, under the field it is about.
    await ruleForm
      .locator(".field", { hasText: "Recipients" })
      .getByText("Each recipient must be an e-mail address.")
      .waitFor();
    await ruleForm.getByLabel("Recipients").fill("oncall@acme.test");
    await ruleForm.getByRole("button", { name: "Create alert rule" }).click();
    await page.getByText("The alert rule was created.").waitFor();
    await page.getByRole("cell", { name: /Pool running low.*below 2 desktops/ }).waitFor();
    await page.getByRole("cell", { name: "oncall@acme.test" }).waitFor();

    const smtpForm = page.getByRole("form", { name: "Mail server" });
    await smtpForm.getByText("No password stored.").waitFor();
    await smtpForm.getByLabel("Host").fill("smtp.acme.test");
    await smtpForm.getByLabel("Port").fill("587");
    await smtpForm.getByLabel("TLS").selectOption("STARTTLS");
    await smtpForm.getByLabel("Username").fill("alerts");
    await smtpForm.getByLabel("Password").fill("Smtp-Secret-42");
    await smtpForm.getByLabel("From address").fill("alerts@acme.test");
    await smtpForm.getByRole("button", { name: "Save mail server" }).click();
    await page.getByText("The mail server settings were saved.").waitFor();
    await smtpForm.getByText(/Password stored/).waitFor();

    // After a reload the settings come from the API: prefilled, with the password neither in the page nor its field.
    await page.reload();
    await page
      .getByRole("form", { name: "Mail server" })
      .getByText(/Password stored/)
      .waitFor();
    await expect(page.getByLabel("Host").inputValue()).resolves.toBe("smtp.acme.test");
    await expect(page.getByLabel("Password").inputValue()).resolves.toBe("");
    expect(await page.content()).not.toContain("Smtp-Secret-42");
    await page.getByText("No open alerts").waitFor();
    await admin.screenshot("tenant-notifications");

    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete alert rule" }).click();
    await page.getByText("No alert rules yet").waitFor();
    expect(admin.errors).toEqual([]);
    await admin.close();
  });
});
