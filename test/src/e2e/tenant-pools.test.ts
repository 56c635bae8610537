import { describe, expect, it } from "vitest";
import { usePortalE2e } from "../fixtures/e2e.js";
import { apiCall, apiSignIn } from "../fixtures/stack.js";

// A 403 document is what the helpdesk checks expect; Chromium logs it as a failed resource load.
const expectedStatus = (errors: string[]) =>
  errors.filter((error) => !/Failed to load resource: the server responded with a status of 403/.test(error));

// Pools and desktops as a tenant admin and the helpdesk operate them, against the stack's pool controller
// provisioning on the in-process VHI simulator.
describe("portal: pools and desktops", () => {
  const { stack, signedIn } = usePortalE2e();

  it("lets a tenant admin create a pool from the cloud's inventory and watch it provision", async () => {
    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    await page.goto(`${stack.portalUrl}/console/pools`);
    await page.getByRole("link", { name: "+ New pool" }).click();
    await page.waitForURL("**/console/pools/new");

    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Finance");
    await page.getByLabel("Golden image").selectOption({ index: 1 });
    await page.getByLabel("Flavor").selectOption({ index: 1 });
    await page.getByRole("group", { name: "Networks" }).getByRole("checkbox").first().check();
    // A pattern without {SEQ} passes the browser and is refused by the API, which names the field.
    await page.getByLabel("Name pattern").fill("finance-desk");
    await page.getByLabel("Minimum desktops", { exact: true }).fill("2");
    await page.getByLabel("Maximum desktops", { exact: true }).fill("4");
    await page.getByLabel("Kept available", { exact: true }).fill("2");
    await page.getByRole("button", { name: "+ Add window" }).click();
    await page.getByLabel("Time zone").fill("Europe/Berlin");
    await admin.screenshot("tenant-pool-new");
    await page.getByRole("button", { name: "Create pool" }).click();
    const patternField = page.locator(".field", { has: page.getByLabel("Name pattern") });
    await patternField.getByText("must contain {SEQ}").waitFor();
    await page.getByRole("alert").filter({ hasText: "Some fields need attention." }).waitFor();
    // What the admin chose survives the round trip.
    await expect(page.getByRole("textbox", { name: "Name", exact: true }).inputValue()).resolves.toBe("Finance");
    await page.getByRole("group", { name: "Schedule window 1" }).waitFor();
    await admin.screenshot("tenant-pool-new-error");

    // The API compares sizes too: its message lands next to the minimum.
    await page.getByLabel("Name pattern").fill("fin-{SEQ:2}");
    await page.getByLabel("Minimum desktops", { exact: true }).fill("9");
    await page.getByRole("button", { name: "Create pool" }).click();
    await page
      .locator(".field", { has: page.getByLabel("Minimum desktops", { exact: true }) })
      .getByText("must not exceed maxTotal")
      .waitFor();

    await page.getByLabel("Minimum desktops", { exact: true }).fill("2");
    await page.getByRole("button", { name: "Create pool" }).click();
    // Creating a pool ends with who gets it; this pool's users are decided later.
    await page.waitForURL(/\/console\/pools\/[0-9a-f-]{36}\/people\?created=1$/);
    await page.getByText("The pool was created.").waitFor();
    await page.getByRole("link", { name: "Decide later" }).click();
    await page.getByText("No policy offers this pool").waitFor();
    await page.getByRole("heading", { name: "Finance" }).waitFor();
    await page.getByText("Mon, Tue, Wed, Thu, Fri 08:00–18:00").waitFor();
    // The page polls while the controller works: building desktops appear, then become available.
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    await page
      .getByTestId("count-provisioning")
      .filter({ hasText: /^[1-9]/ })
      .waitFor({ timeout: 60_000 });
    await admin.screenshot("tenant-pool-provisioning");
    await page.getByTestId("count-available").filter({ hasText: /^2 / }).waitFor({ timeout: 120_000 });
    await page
      .getByRole("cell", { name: /fin-0[12]/ })
      .first()
      .waitFor();
    await expect(
      page.getByRole("region", { name: "Controller events" }).getByRole("listitem").count(),
    ).resolves.toBeGreaterThan(0);
    await admin.screenshot("tenant-pool-provisioned");

    // Scaling changes on the existing pool: the form starts from its settings, window included.
    await page.getByRole("link", { name: "Edit scaling" }).click();
    await page.getByRole("heading", { name: "Scaling of Finance" }).waitFor();
    await expect(page.getByLabel("Opens at").inputValue()).resolves.toBe("08:00");
    await expect(page.getByLabel("Maximum desktops", { exact: true }).inputValue()).resolves.toBe("4");
    await page.getByLabel("Maximum desktops", { exact: true }).fill("6");
    await page.getByRole("button", { name: "Remove window" }).click();
    await page.getByRole("button", { name: "Save scaling" }).click();
    await page.getByText("Scaling saved.").waitFor();
    await page.getByText("2–6 desktops").waitFor();
    await page.getByText("Around the clock").waitFor();

    await page.goto(`${stack.portalUrl}/console/pools`);
    await page.getByRole("link", { name: "Finance" }).waitFor();
    await admin.screenshot("tenant-pools");
    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 240_000);

  it("lets a tenant admin power a desktop, take it out of service and terminate it after confirming", async () => {
    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    await page.goto(`${stack.portalUrl}/console/desktops?q=fin-01`);
    await page.getByRole("link", { name: "fin-01" }).click();
    await page.getByRole("heading", { name: "fin-01" }).waitFor();
    await page.getByRole("button", { name: "Shut down" }).click();
    await page.getByText("Request sent.").waitFor();
    // The page polls until the controller has stopped the server on the simulated cloud.
    await page
      .getByTestId("power-state")
      .filter({ hasText: /^Stopped$/ })
      .waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Start" }).waitFor();
    await page.getByRole("button", { name: "Take out of service" }).click();
    await page.getByText("The desktop is out of service.").waitFor();
    await page.locator(".page-header").getByText("Out of service").waitFor();
    await admin.screenshot("tenant-desktop-detail");

    await page.getByRole("button", { name: "Terminate" }).click();
    await page.getByRole("dialog").getByText("The desktop and its disk are deleted.").waitFor();
    await admin.screenshot("tenant-desktop-terminate-confirm");
    await page.getByRole("dialog").getByRole("button", { name: "Terminate desktop" }).click();
    await page.waitForURL("**/console/desktops?terminated=fin-01");
    await page.getByText("fin-01 is being terminated.").waitFor();
    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 120_000);

  it("lets the helpdesk operate desktops but not create, pause or delete pools", async () => {
    const helpdesk = await signedIn("/t/acme", "helpdesk", { viewport: { width: 390, height: 844 } });
    const { page } = helpdesk;
    await page.goto(`${stack.portalUrl}/console/pools`);
    await page.getByRole("link", { name: "Finance" }).click();
    await page.getByRole("heading", { name: "Finance" }).waitFor();
    await expect(page.getByRole("link", { name: "+ New pool" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Delete pool" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Pause" }).count()).resolves.toBe(0);
    await expect(page.getByRole("link", { name: "Edit scaling" }).count()).resolves.toBe(0);
    await page.getByRole("link", { name: "fin-02" }).click();
    await page.getByRole("heading", { name: "fin-02" }).waitFor();
    await page.getByRole("button", { name: "Take out of service" }).waitFor();
    await helpdesk.screenshot("helpdesk-desktop-phone");
    const response = await page.goto(`${stack.portalUrl}/console/pools/new`);
    expect(response?.status()).toBe(403);
    expect(expectedStatus(helpdesk.errors)).toEqual([]);
    await helpdesk.close();
  });

  it("shows who is on which desktop now, and the session history", async () => {
    const userToken = await apiSignIn(stack.apiUrl, "user2", "acme");
    // The demo tenant's own rule offers its demo pool to everyone; the pool controller keeps desktops ready.
    let offers: { desktopId: string }[] = [];
    for (let attempt = 0; attempt < 60 && offers.length === 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
      offers = (
        await apiCall<{ myDesktops: { desktopId: string }[] }>(
          stack.apiUrl,
          "query { myDesktops { desktopId } }",
          {},
          userToken,
        )
      ).myDesktops;
    }
    await apiCall(
      stack.apiUrl,
      "mutation($id: ID!) { connect(input: { desktopId: $id }) { sessionId } }",
      { id: offers[0]?.desktopId },
      userToken,
    );
    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    await page.getByRole("link", { name: "Sessions" }).click();
    await page.getByRole("heading", { name: "Sessions", exact: true }).waitFor();
    await page.getByRole("cell", { name: "user2" }).first().waitFor();
    await admin.screenshot("tenant-sessions");
    await page.getByRole("link", { name: "History" }).click();
    await page.waitForURL("**/console/sessions?view=all");
    await page.getByRole("cell", { name: "user2" }).first().waitFor();
    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 120_000);
});
