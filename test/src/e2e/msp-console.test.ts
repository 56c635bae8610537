import { beforeAll, describe, expect, it } from "vitest";
import type { TrackedPage } from "../fixtures/browser.js";
import { usePortalE2e } from "../fixtures/e2e.js";

// MSP staff onboard a tenant through the wizard, register a cloud, manage keys and step into a tenant's console.
describe("portal: MSP console", () => {
  let msp: TrackedPage;

  const { stack, browser, signedIn } = usePortalE2e();
  beforeAll(async () => {
    msp = await signedIn("/signin", "msp-admin");
  }, 240_000);

  it("lands MSP staff on the tenant list", async () => {
    const { page } = msp;
    expect(new URL(page.url()).pathname).toBe("/msp");
    await page.getByRole("heading", { name: "Tenants" }).waitFor();
    await page.getByRole("link", { name: "Acme Corporation" }).waitFor();
    await page.getByRole("link", { name: "Globex Industries" }).waitFor();
    await msp.screenshot("msp-tenants");
    expect(msp.errors).toEqual([]);
  });

  it("onboards a tenant: organisation, cloud mapping, administrator, and the new admin signs in", async () => {
    const { page } = msp;
    await page.getByRole("link", { name: "+ Onboard tenant" }).click();
    await page.waitForURL("**/msp/tenants/new");
    await page.getByLabel("Organisation name").fill("Initech");
    await page.getByLabel("Sign-in name").fill("Not A Slug");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("Use lower-case letters, digits and dashes.").waitFor();
    await msp.screenshot("msp-onboard-validation");

    // The API's own answer (a taken slug) is shown on the form.
    await page.getByLabel("Sign-in name").fill("acme");
    await page.getByRole("button", { name: "Continue" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /already|exists|taken|use/i })
      .waitFor();

    await page.getByLabel("Sign-in name").fill("initech");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL("**/onboard?step=cloud");
    // The project comes from the cloud's own Keystone lists (the demo cloud's spare project).
    await page.getByRole("button", { name: "List its projects" }).click();
    await page
      .getByRole("form", { name: "Cloud mapping" })
      .getByLabel("VHI project")
      .selectOption({ label: "tenant-initech" });
    await msp.screenshot("msp-onboard-cloud");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL("**/onboard?step=admin");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create administrator" }).click();
    await page.getByText("Use at least 8 characters.").waitFor();
    await page.getByLabel("Password").fill("initech-admin-pass");
    await page.getByRole("button", { name: "Create administrator" }).click();
    await page.waitForURL("**/onboard?step=done**");
    await page.getByText("Initech is ready.").waitFor();
    await msp.screenshot("msp-onboard-done");

    await page.goto(`${stack.portalUrl}/msp`);
    await page.getByRole("link", { name: "Initech" }).waitFor();
    expect(msp.errors).toEqual([]);

    const admin = await signedIn("/t/initech", "admin", { password: "initech-admin-pass" });
    expect(new URL(admin.page.url()).pathname).toBe("/console");
    await admin.page.getByRole("heading", { name: "Dashboard" }).waitFor();
    await admin.page.getByText("Initech").first().waitFor();
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it("registers a cloud and lists it with its status", async () => {
    const { page } = msp;
    await page.goto(`${stack.portalUrl}/msp/clouds`);
    await page.getByLabel("Name").fill("Frankfurt cluster");
    await page.getByLabel("Keystone URL").fill("https://vhi-fra.example.test:5000/v3");
    await page.getByLabel("Project").fill("admin");
    await page.getByLabel("Service user").fill("atrium-svc");
    await page.getByLabel("Password").fill("cloud-secret");
    await page.getByRole("button", { name: "Register cloud" }).click();
    await page.getByText("The cloud was registered.").waitFor();
    await page.getByRole("cell", { name: /Frankfurt cluster/ }).waitFor();
    await expect(page.content()).resolves.not.toContain("cloud-secret");
    await msp.screenshot("msp-clouds");
    expect(msp.errors).toEqual([]);
  });

  // Issue 14: the MSP chooses the clouds each tenant may use; onboarding granted Initech the cloud of its project.
  it("chooses the clouds a tenant may use, and the tenant's pool form offers exactly those", async () => {
    const { page } = msp;
    await page.goto(`${stack.portalUrl}/msp`);
    await page.getByRole("link", { name: "Initech" }).click();
    const form = page.getByRole("form", { name: "Clouds" });
    await expect(form.getByLabel(/Demo VHI/).isChecked()).resolves.toBe(true);
    await expect(form.getByLabel(/Frankfurt cluster/).isChecked()).resolves.toBe(false);
    await form.getByLabel(/Frankfurt cluster/).check();
    await form.getByRole("button", { name: "Save clouds" }).click();
    await page.getByText("The tenant's clouds were saved.").waitFor();
    await page.getByText("Demo VHI (simulator), Frankfurt cluster").waitFor();
    await msp.screenshot("msp-tenant-clouds");
    expect(msp.errors).toEqual([]);

    const admin = await signedIn("/t/initech", "admin", { password: "initech-admin-pass" });
    await admin.page.goto(`${stack.portalUrl}/console/pools/new`);
    const offered = await admin.page.locator("#pool-cloud option").allTextContents();
    expect(offered.map((label) => label.replace(/ \(.*$/, ""))).toEqual(["Demo VHI", "Frankfurt cluster"]);
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it("creates an MSP API key whose secret is shown once, then revokes it after confirming", async () => {
    const { page } = msp;
    await page.goto(`${stack.portalUrl}/msp/api-keys`);
    await page.getByLabel("Name").fill("Billing export");
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByText("Choose at least one scope.").waitFor();
    await page.getByLabel("Billing (read)").check();
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = await page.getByTestId("created-secret").textContent();
    expect(secret?.length).toBeGreaterThan(20);
    await msp.screenshot("msp-api-keys");
    await page.reload();
    await expect(page.getByTestId("created-secret").count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
    await page.getByText("Revoked", { exact: true }).waitFor();
    expect(msp.errors).toEqual([]);
  });

  it("enters a tenant's console (audited) and leaves it", async () => {
    const { page } = msp;
    await page.goto(`${stack.portalUrl}/msp`);
    const acmeRow = page.getByRole("row").filter({ hasText: "Acme Corporation" });
    await acmeRow.getByRole("button", { name: "Enter console" }).click();
    await page.waitForURL("**/console");
    await page.getByText("You are working inside").waitFor();
    await page.goto(`${stack.portalUrl}/console/users`);
    await page.getByRole("link", { name: "Tenant Administrator" }).waitFor();
    await msp.screenshot("msp-inside-tenant");
    await page.getByRole("button", { name: "Leave tenant" }).click();
    await page.waitForURL("**/msp");
    await page.goto(`${stack.portalUrl}/msp/audit?action=enterTenant`);
    await page.getByRole("row").filter({ hasText: "Acme Corporation" }).first().waitFor();
    await page.goto(`${stack.portalUrl}/msp/audit`);
    await msp.screenshot("msp-audit");
    expect(msp.errors).toEqual([]);
  });

  it("sends an expired or tampered session back to sign-in with an explanation", async () => {
    const visitor = await browser.newPage();
    const url = new URL(stack.portalUrl);
    await visitor.page
      .context()
      .addCookies([{ name: "next-auth.session-token", value: "not-a-session", domain: url.hostname, path: "/" }]);
    await visitor.page.goto(`${stack.portalUrl}/console`);
    await visitor.page.waitForURL("**/signin?**");
    await visitor.page.getByText("Your session has ended. Sign in again to continue.").waitFor();
    expect(visitor.errors).toEqual([]);
    await visitor.close();
  });
});
