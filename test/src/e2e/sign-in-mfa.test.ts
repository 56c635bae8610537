import {
  leaseRadiusServer,
  RADIUS_TEST_SERVER,
  type ServerLease,
} from "@atrium/api/modules/identity/providers/test-servers";
import { currentTotpCode } from "@atrium/api/modules/identity/providers/totp";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePortalE2e } from "../fixtures/e2e.js";
import { apiCall, apiSignIn } from "../fixtures/stack.js";
import { type OidcIdp, startOidcIdp } from "../idp/oidc-idp.js";

// The second step of a sign-in in the browser: an authenticator app enrolled from the account page, enrolment forced
// at sign-in by the tenant's policy, recovery codes, and a RADIUS Access-Challenge (real FreeRADIUS) as its prompt;
// and the page single sign-on returns to, with a ticket from a real OpenID Connect provider.
describe("portal: two-step sign-in and single sign-on", () => {
  let radius: ServerLease;
  /** Taken before the tenant requires a second factor, which then applies to its admin too. */
  let globexAdmin = "";

  const adminToken = (tenant: string) => apiSignIn(stack.apiUrl, "admin", tenant);

  /** The password step through the real form; the test then expects the code step. */
  async function enterPassword(page: Page, tenant: string, username: string, password: string) {
    await page.goto(`${stack.portalUrl}/t/${tenant}`);
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  const { stack, browser, signedIn } = usePortalE2e();
  beforeAll(async () => {
    radius = await leaseRadiusServer();
  }, 240_000);

  afterAll(async () => {
    await radius?.release();
    await oidcIdp?.close();
  }, 60_000);

  let oidcIdp: OidcIdp | undefined;

  it("signs in with an OpenID Connect button through the portal and explains a failed sign-on", async () => {
    oidcIdp = await startOidcIdp({
      "acct-1": { preferred_username: "olivia", email: "olivia@acme.test", name: "Olivia Olsen", groups: ["vdi"] },
    });
    const provider = await apiCall<{ createIdentityProvider: { id: string } }>(
      stack.apiUrl,
      `mutation($input: CreateIdentityProviderInput!) { createIdentityProvider(input: $input) { id } }`,
      {
        input: {
          name: "Acme Entra ID",
          settings: { oidc: { issuer: oidcIdp.issuer, clientId: "atrium", clientSecret: "atrium-client-secret" } },
        },
      },
      await adminToken("acme"),
    );
    // The IdP sends users back to the portal's origin, which relays the callback to the API.
    oidcIdp.configure({
      clientId: "atrium",
      clientSecret: "atrium-client-secret",
      redirectUri: `${stack.portalUrl}/auth/sso/${provider.createIdentityProvider.id}/oidc/callback`,
    });
    const user = await browser.newPage();
    const { page } = user;
    await page.goto(`${stack.portalUrl}/t/acme`);
    await user.screenshot("sign-in-sso-buttons");
    // Another tenant's page never shows acme's provider.
    const globex = await browser.newPage();
    await globex.page.goto(`${stack.portalUrl}/t/globex`);
    await globex.page.getByRole("button", { name: "Sign in" }).waitFor();
    await expect(globex.page.getByRole("link", { name: /Sign in with/ }).count()).resolves.toBe(0);
    await globex.close();

    await page.getByRole("link", { name: "Sign in with Acme Entra ID" }).click();
    await page.waitForURL("**/desktops");
    await page.getByText("Olivia Olsen").first().waitFor();

    // A forged ticket, and an IdP failure, are explained with a way back.
    await page.goto(`${stack.portalUrl}/login/sso#ticket=not-a-ticket`);
    // Next.js keeps an empty role=alert route announcer on the page: wait for the one with the message.
    await page.getByRole("alert").filter({ hasText: "This sign-in link has expired" }).waitFor();
    await page.getByRole("link", { name: "Back to sign-in" }).waitFor();
    expect(new URL(page.url()).hash).toBe("");
    // A fresh arrival (changing only the fragment of the page already open would not load it again).
    await page.goto("about:blank");
    await page.goto(`${stack.portalUrl}/login/sso#error=sso_failed`);
    await page.getByRole("alert").filter({ hasText: "Single sign-on did not complete" }).waitFor();
    await user.screenshot("sso-landing-failed");
    expect(user.errors).toEqual([]);
    await user.close();
  });

  it("enrols an authenticator app from the account page, then asks for a code or a recovery code", async () => {
    const user = await signedIn("/t/acme", "user1");
    const { page } = user;
    await page.getByRole("link", { name: "Sign-in security" }).click();
    await page.getByRole("heading", { name: "Sign-in security" }).waitFor();
    await page.getByRole("button", { name: "Set up authenticator app" }).click();
    await page.getByRole("img", { name: "QR code to scan with your authenticator app" }).waitFor();
    const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
    await page.getByLabel("Code from the app").fill("12345");
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByText("Enter the 6-digit code from the app.").waitFor();
    await page.getByLabel("Code from the app").fill(await currentTotpCode(secret));
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByText("Two-step verification is on.").waitFor();
    const codes = await page.getByTestId("recovery-codes").getByRole("listitem").allTextContents();
    expect(codes.length).toBeGreaterThan(3);
    await user.screenshot("account-security-recovery-codes");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/t/acme?reason=signed-out");
    await enterPassword(page, "acme", "user1", "demo");
    await page.getByRole("heading", { name: "Two-step verification" }).waitFor();
    await user.screenshot("sign-in-mfa-code");
    await page.getByLabel("Code").fill("000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("alert").filter({ hasText: "The code is not valid" }).waitFor();
    await page.getByRole("button", { name: "Use a recovery code" }).click();
    await page.getByLabel("Recovery code").fill(codes[0]);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL("**/desktops");
    await page.getByRole("heading", { name: "My desktops" }).waitFor();
    expect(user.errors).toEqual([]);
    await user.close();
  });

  it("makes a user enrol at sign-in when the tenant requires a second factor", async () => {
    globexAdmin = await adminToken("globex");
    await apiCall(
      stack.apiUrl,
      "mutation { updateIdentitySettings(input: { mfaRequired: true }) { mfaRequired } }",
      {},
      globexAdmin,
    );
    const user = await browser.newPage({ width: 390, height: 844 });
    const { page } = user;
    await enterPassword(page, "globex", "user1", "demo");
    await page.getByRole("heading", { name: "Set up two-step verification" }).waitFor();
    await page.getByText("Set up an authenticator app to continue").waitFor();
    await user.screenshot("sign-in-mfa-enrol-phone");
    const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
    await page.getByLabel("Code").fill(await currentTotpCode(secret));
    await page.getByRole("button", { name: "Verify" }).click();
    // The new app's recovery codes are shown once, before the page the user asked for.
    await page.getByRole("heading", { name: "Two-step verification is set up" }).waitFor();
    expect(await page.getByTestId("recovery-codes").getByRole("listitem").count()).toBe(10);
    await user.screenshot("sign-in-mfa-enrol-recovery-codes");
    await page.getByRole("link", { name: "I have saved my codes, continue" }).click();
    await page.waitForURL("**/desktops");
    expect(user.errors).toEqual([]);
    await user.close();
  });

  it("shows a RADIUS server's challenge as the prompt and signs in with its code", async () => {
    const token = globexAdmin;
    const provider = await apiCall<{ createIdentityProvider: { id: string } }>(
      stack.apiUrl,
      `mutation($input: CreateIdentityProviderInput!) { createIdentityProvider(input: $input) { id } }`,
      {
        input: {
          name: "Push MFA proxy",
          settings: {
            radius: {
              servers: [{ host: RADIUS_TEST_SERVER.host, port: RADIUS_TEST_SERVER.port }],
              timeoutMs: 3000,
              secret: RADIUS_TEST_SERVER.secret,
            },
          },
        },
      },
      token,
    );
    await apiCall(
      stack.apiUrl,
      `mutation($id: ID!) { updateIdentitySettings(input: { mfaRadiusProviderId: $id }) { mfaRequired } }`,
      { id: provider.createIdentityProvider.id },
      token,
    );
    await apiCall(
      stack.apiUrl,
      `mutation($p: String!) { createUser(input: { username: "mfa-user", password: $p }) { id } }`,
      { p: RADIUS_TEST_SERVER.users.mfaUser },
      token,
    );
    const user = await browser.newPage();
    const { page } = user;
    await enterPassword(page, "globex", "mfa-user", RADIUS_TEST_SERVER.users.mfaUser);
    await page.getByRole("heading", { name: "Two-step verification" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Enter your code" }).waitFor();
    await user.screenshot("sign-in-radius-challenge");
    await page.getByLabel("Code").fill(RADIUS_TEST_SERVER.mfaCode);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL("**/desktops");
    expect(user.errors).toEqual([]);
    await user.close();
  });
});
