import fs from "node:fs";
import { currentTotpCode } from "@atrium/api/modules/identity/providers/totp";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { usePortalE2e } from "../fixtures/e2e.js";
import { confirm, enterPassword, lockOut } from "../fixtures/portal-steps.js";
import { apiCall, apiSignIn } from "../fixtures/stack.js";

// Issue 13's "Done when": admin and helpdesk unlock a user, reset their authenticator (the user enrols again at the
// next sign-in) and sign them out everywhere (their open portal page goes to sign-in), from the portal; and a user
// manages their own authenticator app: recovery codes downloaded and used, the app replaced and turned off.
describe("account recovery in the portal", () => {
  const { stack, browser, signedIn } = usePortalE2e();

  it("admin and helpdesk unlock, reset the authenticator and sign a user out everywhere", async () => {
    const admin = await signedIn("/t/acme", "admin");
    const helpdesk = await signedIn("/t/acme", "helpdesk");
    const cases = [
      { actor: admin, username: "user3", name: "Demo User 3" },
      { actor: helpdesk, username: "user4", name: "Demo User 4" },
    ];
    // Each user has a portal session open and an authenticator app before the tenant requires one.
    const targets = [];
    for (const { username } of cases) {
      const target = await signedIn("/t/acme", username);
      const token = await apiSignIn(stack.apiUrl, username, "acme");
      const { startTotpEnrolment } = await apiCall<{ startTotpEnrolment: { secret: string } }>(
        stack.apiUrl,
        "mutation { startTotpEnrolment { secret } }",
        {},
        token,
      );
      await apiCall(
        stack.apiUrl,
        "mutation($code: String!) { confirmTotpEnrolment(input: { code: $code }) { codes } }",
        { code: await currentTotpCode(startTotpEnrolment.secret) },
        token,
      );
      targets.push(target);
    }
    // Taken before the tenant requires a second factor, which then applies to its admin too.
    const adminToken = await apiSignIn(stack.apiUrl, "admin", "acme");
    const requireMfa = (required: boolean) =>
      apiCall(
        stack.apiUrl,
        "mutation($required: Boolean!) { updateIdentitySettings(input: { mfaRequired: $required }) { mfaRequired } }",
        { required },
        adminToken,
      );
    await requireMfa(true);

    for (const [index, { actor, username, name }] of cases.entries()) {
      const target = targets[index]!;
      await lockOut(stack.apiUrl, username);
      const { page } = actor;
      await page.goto(`${stack.portalUrl}/console/users`);
      await page.getByLabel("Search").fill(name);
      await page.getByLabel("Search").press("Enter");
      await page.getByRole("link", { name }).click();
      await page.getByRole("heading", { level: 1, name }).waitFor();
      const signIn = page.getByRole("region", { name: "Sign-in" });
      await signIn.getByText(/^Locked until /).waitFor();
      await signIn.getByText("Enrolled", { exact: true }).waitFor();

      await confirm(page, "Unlock");
      await signIn.getByText("Not locked").waitFor();
      await confirm(page, "Reset authenticator");
      await signIn.getByText("Not enrolled").waitFor();
      await confirm(page, "Sign out everywhere");
      await actor.screenshot(`account-recovery-${username}`);

      // The user's open page: its next load goes to sign-in, and signing in asks for a new authenticator app.
      await target.page.reload();
      await target.page.waitForURL("**/t/acme?reason=expired");
      await enterPassword(target.page, stack.portalUrl, "acme", username);
      await target.page.getByRole("heading", { name: "Set up two-step verification" }).waitFor();
      expect(target.errors).toEqual([]);
      await target.close();
    }
    await requireMfa(false);
    expect(admin.errors).toEqual([]);
    expect(helpdesk.errors).toEqual([]);
    await admin.close();
    await helpdesk.close();
  }, 300_000);

  it("shows a user's provider links, which an admin links and unlinks and the helpdesk only reads", async () => {
    await apiCall(
      stack.apiUrl,
      `mutation($input: CreateIdentityProviderInput!) { createIdentityProvider(input: $input) { id } }`,
      {
        input: {
          name: "Acme Entra ID",
          settings: { oidc: { issuer: "https://login.acme.example.test", clientId: "atrium", clientSecret: "s3cret" } },
        },
      },
      await apiSignIn(stack.apiUrl, "admin", "acme"),
    );
    const subject = "https://login.acme.example.test|acct-5";
    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    const openUser = async (viewer: Page) => {
      await viewer.goto(`${stack.portalUrl}/console/users`);
      await viewer.getByRole("link", { name: "Demo User 5" }).click();
      await viewer.getByRole("heading", { level: 1, name: "Demo User 5" }).waitFor();
      return viewer.getByRole("region", { name: "Sign-in links" });
    };
    const links = await openUser(page);
    await links.getByText("No provider account is linked").waitFor();
    await links.getByLabel("Provider", { exact: true }).selectOption({ label: "Acme Entra ID" });
    await links.getByLabel("Subject", { exact: true }).fill(subject);
    await links.getByRole("button", { name: "Link" }).click();
    const table = links.getByRole("table", { name: "Provider accounts linked to this user" });
    const row = table.getByRole("row").filter({ hasText: subject });
    await row.getByText("Acme Entra ID").first().waitFor();
    await row.getByText("by admin").waitFor();
    await admin.screenshot("user-sign-in-links");

    const helpdesk = await signedIn("/t/acme", "helpdesk");
    const seen = await openUser(helpdesk.page);
    await seen.getByText(subject).waitFor();
    await expect(seen.getByRole("button", { name: "Unlink" }).count()).resolves.toBe(0);
    await expect(seen.getByRole("button", { name: "Link" }).count()).resolves.toBe(0);

    await confirm(page, "Unlink");
    await links.getByText("No provider account is linked").waitFor();
    expect(admin.errors).toEqual([]);
    expect(helpdesk.errors).toEqual([]);
    await helpdesk.close();
    await admin.close();
  }, 120_000);

  it("lets a user download recovery codes that work, replace the app, renew the codes and turn it off", async () => {
    const user = await signedIn("/t/globex", "user2");
    const { page } = user;
    await page.goto(`${stack.portalUrl}/account/security`);
    await page.getByRole("button", { name: "Set up authenticator app" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
    await page.getByLabel("Code from the app").fill(await currentTotpCode(secret));
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByText("Two-step verification is on.").waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download as .txt" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("atrium-recovery-codes.txt");
    const saved = fs.readFileSync((await download.path()) ?? "", "utf8").match(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/gm) ?? [];
    expect(saved).toHaveLength(10);

    // A code from the downloaded file signs in.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/t/globex?reason=signed-out");
    await enterPassword(page, stack.portalUrl, "globex", "user2");
    await page.getByRole("button", { name: "Use a recovery code" }).click();
    await page.getByLabel("Recovery code").fill(saved[0]!);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL("**/desktops");

    // Replacing the app takes a code from the current one (or a recovery code); the new one then is the app.
    await page.goto(`${stack.portalUrl}/account/security`);
    await page.getByRole("button", { name: "Set up a new authenticator app" }).click();
    const newSecret = (await page.getByTestId("totp-secret").textContent()) ?? "";
    const replace = page.getByRole("form", { name: "Confirm authenticator app" });
    await replace.getByLabel("Code from the app").fill(await currentTotpCode(newSecret));
    await replace.getByLabel("Code from your current app, or a recovery code").fill(saved[1]!);
    await replace.getByRole("button", { name: "Replace app" }).click();
    await page.getByText("Two-step verification is on.").waitFor();
    const replaced = await page.getByTestId("recovery-codes").getByRole("listitem").allTextContents();

    await page.reload();
    const renew = page.getByRole("form", { name: "New recovery codes" });
    await renew.getByLabel("Code from your app, or a recovery code").fill(saved[2]!);
    await renew.getByRole("button", { name: "Get new recovery codes" }).click();
    // The codes downloaded earlier belong to the replaced app: they no longer work.
    await renew.getByText("That is neither the current code from your app nor an unused recovery code").waitFor();
    await renew.getByLabel("Code from your app, or a recovery code").fill(replaced[0]!);
    await renew.getByRole("button", { name: "Get new recovery codes" }).click();
    await renew.getByText("New recovery codes: the earlier ones no longer work.").waitFor();
    const renewed = await renew.getByTestId("recovery-codes").getByRole("listitem").allTextContents();
    expect(renewed).toHaveLength(10);
    await user.screenshot("account-security-renewed-codes");

    await page.reload();
    const off = page.getByRole("form", { name: "Turn off two-step verification" });
    await off.getByLabel("Code from your app, or a recovery code").fill(renewed[0]!);
    await off.getByRole("button", { name: "Turn off" }).click();
    // The page shows the app off at once (the turn-off card goes with it), and so it stays.
    await page.getByRole("button", { name: "Set up authenticator app" }).waitFor();
    await page.reload();
    await page.getByRole("button", { name: "Set up authenticator app" }).waitFor();
    expect(user.errors).toEqual([]);
    await user.close();
  }, 240_000);

  it("replaces a lost phone at sign-in with a recovery code", async () => {
    const token = await apiSignIn(stack.apiUrl, "user3", "globex");
    const { startTotpEnrolment } = await apiCall<{ startTotpEnrolment: { secret: string } }>(
      stack.apiUrl,
      "mutation { startTotpEnrolment { secret } }",
      {},
      token,
    );
    const { confirmTotpEnrolment } = await apiCall<{ confirmTotpEnrolment: { codes: string[] } }>(
      stack.apiUrl,
      "mutation($code: String!) { confirmTotpEnrolment(input: { code: $code }) { codes } }",
      { code: await currentTotpCode(startTotpEnrolment.secret) },
      token,
    );
    const user = await browser.newPage();
    const { page } = user;
    await enterPassword(page, stack.portalUrl, "globex", "user3");
    await page.getByRole("button", { name: "Use a recovery code" }).click();
    await page.getByLabel("Recovery code").fill(confirmTotpEnrolment.codes[0]!);
    await page.getByRole("button", { name: "Lost my phone: set up a new app" }).click();
    await page.getByRole("heading", { name: "Set up two-step verification" }).waitFor();
    const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
    expect(secret).not.toBe(startTotpEnrolment.secret);
    await page.getByLabel("Code", { exact: true }).fill(await currentTotpCode(secret));
    await page.getByRole("button", { name: "Verify" }).click();
    // The lost phone's codes went with it: the new app's codes are shown now, the only time they can be read.
    await page.getByRole("heading", { name: "Two-step verification is set up" }).waitFor();
    const newCodes = await page.getByTestId("recovery-codes").getByRole("listitem").allTextContents();
    expect(newCodes).toHaveLength(confirmTotpEnrolment.codes.length);
    expect(newCodes.filter((code) => confirmTotpEnrolment.codes.includes(code))).toEqual([]);
    await page.getByRole("link", { name: "I have saved my codes, continue" }).click();
    await page.waitForURL("**/desktops");
    expect(user.errors).toEqual([]);
    await user.close();
  }, 120_000);
});
