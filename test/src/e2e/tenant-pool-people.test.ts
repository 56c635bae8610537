import { beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../fixtures/accessibility.js";
import { usePortalE2e } from "../fixtures/e2e.js";
import { apiCall, apiSignIn } from "../fixtures/stack.js";

// Issue 17's second "Done when": creating a pool ends with who gets it; given to a group in the same flow, the
// group's members see it in their launcher. A pool no policy offers is flagged on its page and on the dashboard.
describe("portal: a new pool reaches the people it is for", () => {
  const { stack, signedIn } = usePortalE2e();

  beforeAll(async () => {
    const admin = await apiSignIn(stack.apiUrl, "admin", "acme");
    const call = <T>(query: string, variables: Record<string, unknown> = {}) =>
      apiCall<T>(stack.apiUrl, query, variables, admin);
    const { createGroup } = await call<{ createGroup: { id: string } }>(
      'mutation { createGroup(input: { name: "Designers" }) { id } }',
    );
    const { users } = await call<{ users: { nodes: { id: string; username: string }[] } }>(
      'query { users(first: 10, filter: { search: "user2" }) { nodes { id username } } }',
    );
    const user2 = users.nodes.find((user) => user.username === "user2");
    await call("mutation($g: ID!, $u: ID!) { addGroupMember(groupId: $g, userId: $u) { id } }", {
      g: createGroup.id,
      u: user2?.id,
    });
  }, 60_000);

  it("creates a pool, gives it to Designers in the same flow, and user2 sees it in the launcher", async () => {
    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    await page.goto(`${stack.portalUrl}/console/pools/new`);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Design");
    await page.getByLabel("Golden image").selectOption({ index: 1 });
    await page.getByLabel("Flavor").selectOption({ index: 1 });
    await page.getByRole("group", { name: "Networks" }).getByRole("checkbox").first().check();
    await page.getByLabel("Name pattern").fill("design-{SEQ:2}");
    await page.getByLabel("Minimum desktops", { exact: true }).fill("1");
    await page.getByLabel("Maximum desktops", { exact: true }).fill("2");
    await page.getByLabel("Kept available", { exact: true }).fill("1");
    await page.getByRole("button", { name: "Create pool" }).click();

    // The last step: who gets it. Until it is answered the pool reaches nobody, and the dashboard says so.
    await page.waitForURL(/\/console\/pools\/[0-9a-f-]{36}\/people\?created=1$/);
    await page.getByRole("heading", { name: "Who gets this pool" }).waitFor();
    await page.getByText("The pool was created.").waitFor();
    const peopleUrl = page.url();
    await page.goto(`${stack.portalUrl}/console`);
    await page
      .getByRole("status")
      .filter({ hasText: "No policy offers this pool" })
      .getByRole("link", { name: "Design" })
      .click();
    await page.getByRole("status").filter({ hasText: "No policy offers this pool, so no user gets it." }).waitFor();
    await page.getByRole("link", { name: "Choose who gets it" }).click();
    await page.waitForURL(peopleUrl.replace(/\?created=1$/, ""));
    await page.getByLabel("A new policy for chosen groups").check();
    await page.getByLabel("New policy's name").fill("Design team");
    await page.getByRole("button", { name: "Give access" }).click();
    await page.getByText("Choose at least one group.").waitFor();
    await page.getByLabel("Designers").check();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await admin.screenshot("tenant-pool-people");
    await page.getByRole("button", { name: "Give access" }).click();
    await page.getByText("Design team offers this pool").waitFor();
    await page.getByText("Offered by Design team.").waitFor();
    await admin.screenshot("tenant-pool-offered");

    // user2 (a Designer) is offered the new pool once its first desktop is built.
    const user = await signedIn("/t/acme", "user2");
    let offered = false;
    for (let attempt = 0; attempt < 150 && !offered; attempt++) {
      await user.page.goto(`${stack.portalUrl}/desktops`);
      offered =
        (await user.page
          .getByRole("article")
          .filter({ has: user.page.getByRole("heading", { name: "Design" }) })
          .count()) > 0;
      if (!offered) await user.page.waitForTimeout(1000);
    }
    expect(offered).toBe(true);
    await user.screenshot("launcher-design-pool");
    expect(user.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
    await user.close();
    await admin.close();
  }, 300_000);
});
