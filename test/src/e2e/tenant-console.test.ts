import { describe, expect, it } from "vitest";
import { usePortalE2e } from "../fixtures/e2e.js";
import { apiCall, apiSignIn } from "../fixtures/stack.js";

// A 403 or 404 document is what those checks expect; Chromium logs it as a failed resource load.
const expectedStatus = (errors: string[]) =>
  errors.filter((error) => !/Failed to load resource: the server responded with a status of 40[34]/.test(error));

/**
 * The tenant admin's part of the broker set-up, through the API: one policy offering the demo pool to everyone.
 * Then waits (bounded) until the pool controller has a desktop ready to offer.
 */
async function entitleEveryoneToTheDemoPool(apiUrl: string): Promise<void> {
  const token = (username: string) => apiSignIn(apiUrl, username, "acme");
  const admin = await token("admin");
  const pools = await apiCall<{ pools: { nodes: { id: string }[] } }>(
    apiUrl,
    "query { pools(first: 1) { nodes { id } } }",
    {},
    admin,
  );
  const policy = await apiCall<{ createPolicy: { id: string } }>(
    apiUrl,
    `mutation($pool: ID!) { createPolicy(input: { name: "Everyone", entitlements: [{ poolId: $pool, offerCount: 1 }] }) { id } }`,
    { pool: pools.pools.nodes[0].id },
    admin,
  );
  await apiCall(
    apiUrl,
    `mutation($policy: ID!) { createAssignmentRule(input: { effect: ALLOW, policyId: $policy, position: 1 }) { id } }`,
    { policy: policy.createPolicy.id },
    admin,
  );
  const user = await token("user1");
  for (let attempt = 0; attempt < 120; attempt++) {
    const offers = await apiCall<{ myDesktops: unknown[] }>(apiUrl, "query { myDesktops { desktopId } }", {}, user);
    if (offers.myDesktops.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error("the demo pool offered no desktop within two minutes");
}

describe("portal: tenant console, helpdesk, end user and tenant isolation", () => {
  const { stack, browser, signedIn } = usePortalE2e();

  it("shows a tenant admin every console page", async () => {
    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    expect(new URL(page.url()).pathname).toBe("/console");
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    await page.getByText("Sign-ins today").waitFor();
    // chart.js arrives lazily after the page; wait until every chart box holds its canvas.
    await page.waitForFunction(
      () => document.querySelectorAll(".chart-box").length === document.querySelectorAll(".chart-box canvas").length,
    );
    await admin.screenshot("tenant-dashboard");
    for (const [path, heading, shot] of [
      ["/console/users", "Users", "tenant-users"],
      ["/console/groups", "Groups", "tenant-groups"],
      ["/console/pools", "Pools", "tenant-pools"],
      ["/console/desktops", "Desktops", "tenant-desktops"],
      ["/console/audit", "Audit log", "tenant-audit"],
      ["/console/api-keys", "API keys", "tenant-api-keys"],
    ] as const) {
      await page.goto(`${stack.portalUrl}${path}`);
      await page.getByRole("heading", { name: heading, exact: true }).waitFor();
      await admin.screenshot(shot);
      // No raw JSON on any page a person reads.
      await expect(page.locator("main").textContent()).resolves.not.toMatch(/\{\s*"[a-zA-Z]+"\s*:/);
    }
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it("lets a tenant admin search, create, edit and delete a user, and manage a group", async () => {
    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    await page.goto(`${stack.portalUrl}/console/users?q=user3`);
    await page.getByRole("link", { name: "Demo User 3" }).waitFor();
    await expect(page.getByRole("link", { name: "Demo User 4" }).count()).resolves.toBe(0);

    await page.goto(`${stack.portalUrl}/console/users/new`);
    await page.getByLabel("Username").fill("jdoe");
    await page.getByLabel("Display name").fill("Jane Doe");
    await page.getByLabel("Initial password").fill("short");
    await page.getByRole("button", { name: "Create user" }).click();
    await page.getByText("Use at least 8 characters.").waitFor();
    await page.getByLabel("Initial password").fill("jane-password-1");
    await page.getByRole("button", { name: "Create user" }).click();
    await page.getByText("The user was created.").waitFor();
    await page.getByLabel("Role").selectOption("TENANT_HELPDESK");
    await page.getByLabel("Disabled — the user cannot sign in").check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Changes saved.").waitFor();
    await page.getByRole("definition").filter({ hasText: "Disabled" }).waitFor();
    await admin.screenshot("tenant-user-detail");

    // A duplicate username comes back from the API and is shown on the form.
    await page.goto(`${stack.portalUrl}/console/users/new`);
    await page.getByLabel("Username").fill("jdoe");
    await page.getByRole("button", { name: "Create user" }).click();
    await page.getByRole("alert").filter({ hasText: /\S/ }).first().waitFor();

    await page.goto(`${stack.portalUrl}/console/groups`);
    await page.getByLabel("Name").fill("Finance");
    await page.getByRole("button", { name: "Create group" }).click();
    await page.waitForURL(/\/console\/groups\/[0-9a-f-]{36}$/);
    await page.getByLabel("User").selectOption({ label: "Jane Doe (jdoe)" });
    await page.getByRole("button", { name: "Add to group" }).click();
    await page.getByRole("cell", { name: /Jane Doe/ }).waitFor();
    await admin.screenshot("tenant-group-detail");

    await page.goto(`${stack.portalUrl}/console/users?q=jdoe`);
    await page.getByRole("link", { name: "Jane Doe" }).click();
    await page.getByRole("button", { name: "Delete user" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("dialog").isVisible()).resolves.toBe(false);
    await page.getByRole("button", { name: "Delete user" }).click();
    await admin.screenshot("tenant-delete-confirm");
    await page.getByRole("dialog").getByRole("button", { name: "Delete user" }).click();
    await page.waitForURL("**/console/users?deleted=1");
    await page.getByText("The user was deleted.").waitFor();
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it("lets an end user connect to an offered desktop, release it and sign out", async () => {
    await entitleEveryoneToTheDemoPool(stack.apiUrl);
    const user = await signedIn("/t/acme", "user1");
    const { page } = user;
    expect(new URL(page.url()).pathname).toBe("/desktops");
    await page.getByRole("heading", { name: "My desktops" }).waitFor();
    await expect(page.getByRole("link", { name: "Users" }).count()).resolves.toBe(0);
    const card = page.getByRole("article").first();
    // The demo plan offers the browser first; this user picks the native client, and that choice is remembered.
    await card.getByLabel("Remote Desktop app (RDP)").check();
    await card.getByRole("button", { name: "Connect" }).click();
    await card.getByTestId("connection").waitFor();
    await user.screenshot("user-desktops-connected");
    await card.getByRole("button", { name: "Release" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Release desktop" }).click();
    await page.getByRole("article").first().getByRole("button", { name: "Connect" }).waitFor();
    await user.screenshot("user-desktops");

    await page.goto(`${stack.portalUrl}/console`);
    await page.getByText("You do not have access to this page").waitFor();
    await page.goto(`${stack.portalUrl}/desktops`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/t/acme?reason=signed-out");
    await page.getByText("You have signed out.").waitFor();
    await page.goto(`${stack.portalUrl}/desktops`);
    await page.waitForURL("**/signin?**");
    expect(expectedStatus(user.errors)).toEqual([]);
    await user.close();
  }, 180_000);

  it("rejects a wrong password with the API's message", async () => {
    const visitor = await browser.newPage({ width: 390, height: 844 });
    await visitor.page.goto(`${stack.portalUrl}/t/acme`);
    await visitor.screenshot("sign-in-phone");
    await visitor.page.getByLabel("Username").fill("admin");
    await visitor.page.getByLabel("Password").fill("wrong");
    await visitor.page.getByRole("button", { name: "Sign in" }).click();
    await visitor.page.getByRole("alert").filter({ hasText: "Invalid username or password" }).waitFor();
    expect(expectedStatus(visitor.errors)).toEqual([]);
    await visitor.close();
  });

  it("keeps helpdesk out of admin pages and read-only elsewhere", async () => {
    const helpdesk = await signedIn("/t/acme", "helpdesk");
    const { page } = helpdesk;
    expect(new URL(page.url()).pathname).toBe("/console");
    await expect(page.getByRole("link", { name: "API keys" }).count()).resolves.toBe(0);
    await expect(page.getByRole("link", { name: "Audit log" }).count()).resolves.toBe(0);
    for (const path of ["/console/api-keys", "/console/audit", "/console/users/new", "/msp", "/msp/clouds"]) {
      const response = await page.goto(`${stack.portalUrl}${path}`);
      expect(response?.status(), path).toBe(403);
      await page.getByText("You do not have access to this page").waitFor();
    }
    await helpdesk.screenshot("helpdesk-forbidden");
    await page.goto(`${stack.portalUrl}/console/users`);
    await page.getByRole("link", { name: "Demo User 1" }).waitFor();
    await expect(page.getByRole("link", { name: "+ New user" }).count()).resolves.toBe(0);
    expect(expectedStatus(helpdesk.errors)).toEqual([]);
    await helpdesk.close();
  });

  it("never shows one tenant's data to another tenant's admin who edits URLs", async () => {
    const adminToken = await apiSignIn(stack.apiUrl, "admin", "acme");
    const acme = await apiCall<{ users: { nodes: { id: string; displayName: string }[] } }>(
      stack.apiUrl,
      `query { users(first: 1, filter: { search: "user2" }) { nodes { id displayName } } }`,
      {},
      adminToken,
    );
    const victim = acme.users.nodes[0];
    const globex = await signedIn("/t/globex", "admin");
    const { page } = globex;
    for (const path of [`/console/users/${victim.id}`, `/console/groups/${victim.id}`, `/console/pools/${victim.id}`]) {
      const response = await page.goto(`${stack.portalUrl}${path}`);
      expect(response?.status(), path).toBe(404);
      await page.getByRole("heading", { name: "Not found" }).waitFor();
    }
    await globex.screenshot("cross-tenant-not-found");
    await page.goto(`${stack.portalUrl}/console/users?q=user2`);
    await page.getByRole("link", { name: "Demo User 2" }).click();
    expect(page.url()).not.toContain(victim.id);
    await page.goto(`${stack.portalUrl}/console/desktops?pool=${victim.id}`);
    await page.getByText("No desktops match these filters").waitFor();
    expect(expectedStatus(globex.errors)).toEqual([]);
    await globex.close();
  });

  it("works on a phone-sized screen", async () => {
    const phone = await signedIn("/t/acme", "admin", { viewport: { width: 390, height: 844 } });
    await phone.page.waitForFunction(
      () => document.querySelectorAll(".chart-box").length === document.querySelectorAll(".chart-box canvas").length,
    );
    await phone.screenshot("phone-dashboard");
    await phone.page.getByRole("button", { name: "☰ Menu" }).click();
    await phone.page.getByRole("link", { name: "Users" }).click();
    await phone.page.waitForURL("**/console/users");
    await phone.screenshot("phone-users");
    expect(phone.errors).toEqual([]);
    await phone.close();
  });
});
