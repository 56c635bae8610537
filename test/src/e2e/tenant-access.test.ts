import fs from "node:fs";
import {
  leaseRadiusServer,
  RADIUS_TEST_SERVER,
  type ServerLease,
  unusedTcpPort,
} from "@atrium/api/modules/identity/providers/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePortalE2e } from "../fixtures/e2e.js";

// A 403 document is what the helpdesk checks expect; Chromium logs it as a failed resource load.
const expectedStatus = (errors: string[]) =>
  errors.filter((error) => !/Failed to load resource: the server responded with a status of 403/.test(error));

// The tenant admin's access set-up in the browser: identity providers tested against real servers, locations,
// policies and plans, assignment rules, and the "explain access" tool that shows which rule decides.
describe("portal: identity providers, locations, policies, rules and explain access", () => {
  let radius: ServerLease;

  const { stack, signedIn } = usePortalE2e();
  beforeAll(async () => {
    radius = await leaseRadiusServer();
  }, 240_000);

  afterAll(async () => {
    await radius?.release();
  }, 60_000);

  it("adds identity providers and tests their connections against the real servers", async () => {
    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    await page.getByRole("link", { name: "Identity providers" }).click();
    await page.getByRole("heading", { name: "Identity providers", exact: true }).waitFor();

    // The API checks each field of the kind's settings and its message lands under the field.
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Entra ID");
    await page.getByLabel("Kind").selectOption("OIDC");
    await page.getByLabel("Issuer URL").fill("not a url");
    await page.getByLabel("Client ID").fill("atrium");
    await page.getByRole("button", { name: "Add provider" }).click();
    await page.getByText("Issuer must be an http(s) URL.").waitFor();

    await page.getByRole("textbox", { name: "Name", exact: true }).fill("MFA proxy");
    await page.getByLabel("Kind").selectOption("RADIUS");
    await page.getByLabel("Server", { exact: true }).fill(RADIUS_TEST_SERVER.host);
    await page.getByLabel("Port").fill(String(RADIUS_TEST_SERVER.port));
    await page.getByLabel("Shared secret").fill(RADIUS_TEST_SERVER.secret);
    await page.getByRole("button", { name: "Add provider" }).click();
    await page.getByText("MFA proxy was added.").waitFor();

    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Old directory");
    await page.getByLabel("Kind").selectOption("LDAP");
    await page.getByLabel("Server URLs").fill(`ldap://127.0.0.1:${await unusedTcpPort()}`);
    await page.getByLabel("Security").selectOption("NONE");
    await page.getByLabel("Service account (DN, UPN or DOMAIN\\name)").fill("cn=svc,dc=example,dc=test");
    await page.getByLabel("Service account password").fill("Svc-Pass-1");
    await page.getByLabel("Search base", { exact: true }).fill("dc=example,dc=test");
    await page.getByRole("button", { name: "Add provider" }).click();
    await page.getByText("Old directory was added.").waitFor();

    const radiusRow = page.getByRole("listitem", { name: "MFA proxy" });
    await radiusRow.getByRole("button", { name: "Test connection" }).click();
    await radiusRow.getByTestId("test-result").filter({ hasText: "Connected" }).waitFor();
    const ldapRow = page.getByRole("listitem", { name: "Old directory" });
    await ldapRow.getByRole("button", { name: "Test connection" }).click();
    await ldapRow.getByTestId("test-result").filter({ hasText: "Failed" }).waitFor();
    await admin.screenshot("tenant-identity-providers");
    await ldapRow.getByRole("button", { name: "Disable" }).click();
    await ldapRow.getByText("Disabled", { exact: true }).waitFor();
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it("sets up a location, a policy with its plans and a rule, and explains who gets what", async () => {
    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;

    await page.goto(`${stack.portalUrl}/console/locations`);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Head office");
    await page.getByLabel("Addresses").fill("not-an-address");
    await page.getByRole("button", { name: "Add location" }).click();
    await page.getByRole("alert").filter({ hasText: "Invalid location" }).waitFor();
    await page.getByLabel("Addresses").fill("203.0.113.0/24\n2001:db8::/48");
    await page.getByRole("button", { name: "Add location" }).click();
    await page.getByText("The location was added.").waitFor();
    await page.getByRole("cell", { name: "203.0.113.0/24, 2001:db8::/48" }).waitFor();
    await admin.screenshot("tenant-locations");

    await page.goto(`${stack.portalUrl}/console/plans`);
    await page.getByText("New protocol plan").click();
    await page.getByRole("form", { name: "New protocol plan" }).getByLabel("Name").fill("Browser first");
    await page.getByRole("button", { name: "Create protocol plan" }).click();
    await page.getByText("The protocol plan was created.").waitFor();
    await page.getByRole("list", { name: "Protocol plans" }).getByText("Browser first", { exact: true }).waitFor();
    await admin.screenshot("tenant-plans");

    await page.goto(`${stack.portalUrl}/console/policies`);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Office staff");
    await page.getByLabel("Pool", { exact: true }).selectOption({ label: "desktops" });
    await page.getByLabel("Protocol plan").selectOption({ label: "Browser first" });
    await page.getByRole("button", { name: "Create policy" }).click();
    await page.getByText("Policy “Office staff” was created.").waitFor();
    await page.getByRole("cell", { name: /desktops: 1 floating · Browser first/ }).waitFor();
    await admin.screenshot("tenant-policies");

    await page.goto(`${stack.portalUrl}/console/rules`);
    // The demo's allow-everyone rule would decide first: it goes, after a confirmation.
    await page.getByRole("button", { name: "Delete" }).first().click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete rule" }).click();
    await page.getByText("No rules yet").waitFor();
    await page.getByLabel("Position").fill("1");
    await page.getByLabel("Head office").check();
    await page.getByLabel("Policy").selectOption({ label: "Office staff" });
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.getByText("The rule was added.").waitFor();
    await page.getByRole("cell", { name: /Anyone\s*at Head office/ }).waitFor();
    await admin.screenshot("tenant-rules");

    await page.getByRole("link", { name: "Explain access" }).last().click();
    await page.getByRole("heading", { name: "Explain access", exact: true }).waitFor();
    await page.getByLabel("User").selectOption({ label: "Demo User 1 (user1)" });
    await page.getByLabel("Client address").fill("nope");
    await page.getByRole("button", { name: "Explain" }).click();
    await page.getByText("clientAddress is not an IP address").waitFor();
    await page.getByLabel("Client address").fill("203.0.113.7");
    await page.getByRole("button", { name: "Explain" }).click();
    await page.getByRole("heading", { name: "Access allowed" }).waitFor();
    await page.getByRole("definition").filter({ hasText: "Office staff" }).waitFor();
    await page.getByRole("definition").filter({ hasText: "Head office" }).waitFor();
    await admin.screenshot("tenant-explain-access");
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it("shows the helpdesk the access set-up read-only and keeps identity providers from it", async () => {
    const helpdesk = await signedIn("/t/acme", "helpdesk", { viewport: { width: 390, height: 844 } });
    const { page } = helpdesk;
    await page.goto(`${stack.portalUrl}/console/rules`);
    await page.getByRole("heading", { name: "Assignment rules", exact: true }).waitFor();
    await expect(page.getByRole("button", { name: "Add rule" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Delete" }).count()).resolves.toBe(0);
    await helpdesk.screenshot("helpdesk-rules-phone");
    await page.goto(`${stack.portalUrl}/console/locations`);
    await page.getByRole("heading", { name: "Locations", exact: true }).waitFor();
    await expect(page.getByRole("button", { name: "Add location" }).count()).resolves.toBe(0);
    const response = await page.goto(`${stack.portalUrl}/console/identity-providers`);
    expect(response?.status()).toBe(403);
    expect(expectedStatus(helpdesk.errors)).toEqual([]);
    await helpdesk.close();
  });

  it("downloads a report for a period and schedules one by e-mail", async () => {
    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    await page.getByRole("link", { name: "Reports" }).click();
    await page.getByRole("heading", { name: "Reports", exact: true }).waitFor();
    await page.getByLabel("Report", { exact: true }).first().selectOption("login-history");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = fs.readFileSync((await download.path()) ?? "", "utf8");
    // Today's sign-ins (this test's among them) are in the file, one per line after the header.
    expect(csv.split("\n").length).toBeGreaterThan(2);
    expect(csv).toContain("admin");

    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Weekly sign-ins");
    await page.getByLabel("Report", { exact: true }).last().selectOption("LOGIN_HISTORY");
    await page.getByLabel("Every").selectOption("WEEKLY");
    await page.getByLabel("Recipients").fill("security@acme, not-an-address");
    await page.getByRole("button", { name: "Create schedule" }).click();
    await page.getByText("“security@acme” is not an e-mail address.").waitFor();
    await page.getByLabel("Recipients").fill("security@acme.test");
    await page.getByRole("button", { name: "Create schedule" }).click();
    await page.getByText("The schedule was created.").waitFor();
    await page.getByRole("cell", { name: /Weekly sign-ins/ }).waitFor();
    await page.getByRole("button", { name: "Send now" }).click();
    await page.getByText("Queued: the last full period is on its way").waitFor();
    await admin.screenshot("tenant-reports");
    expect(admin.errors).toEqual([]);
    await admin.close();
  });
});
