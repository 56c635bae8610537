import { ensurePackages } from "@atrium/api/testing/test-services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser } from "../fixtures/browser.js";
import { useAccessibilityAssertion } from "../fixtures/e2e.js";
import { apiCall, type Stack, startStack } from "../fixtures/stack.js";
import { SIGN_IN_WITH_PASSWORD } from "../idp/identity-helpers.js";

// The portal holds the browser's socket; an X-Forwarded-For the browser writes itself must neither pick a location
// (here: the only place globex allows sign-in from) nor be written into the login history.
const FORGED_OFFICE = "10.1.2.3";

describe("portal: the browser's address is the portal's to tell", () => {
  let stack: Stack;
  let browser: Browser;
  let admin: string;
  const accessibility = useAccessibilityAssertion(() => stack);

  beforeAll(() => ensurePackages("portal"));
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser(accessibility);
    const signedIn = await apiCall<{ signInWithPassword: { accessToken: string } }>(
      stack.apiUrl,
      SIGN_IN_WITH_PASSWORD,
      {
        input: { username: "admin", password: "demo", tenant: "globex" },
      },
    );
    admin = signedIn.signInWithPassword.accessToken;
    const location = async (name: string, cidrs: string[]) =>
      (
        await apiCall<{ createLocation: { id: string } }>(
          stack.apiUrl,
          `mutation($input: CreateLocationInput!) { createLocation(input: $input) { id } }`,
          { input: { name, cidrs } },
          admin,
        )
      ).createLocation.id;
    const office = await location("Office", ["10.1.0.0/16"]);
    const internet = await location("Internet", ["0.0.0.0/0", "::/0"]);
    const policy = await apiCall<{ createPolicy: { id: string } }>(
      stack.apiUrl,
      `mutation { createPolicy(input: { name: "Office staff" }) { id } }`,
      {},
      admin,
    );
    const rules = [
      { position: 1, effect: "ALLOW", locationIds: [office], policyId: policy.createPolicy.id },
      { position: 2, effect: "DENY", locationIds: [internet] },
    ];
    for (const input of rules) {
      await apiCall(
        stack.apiUrl,
        `mutation($input: AssignmentRuleInput!) { createAssignmentRule(input: $input) { id } }`,
        { input },
        admin,
      );
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it("a forged X-Forwarded-For at sign-in neither escapes the deny rule nor reaches the login history", async () => {
    const visitor = await browser.newPage();
    await visitor.page.setExtraHTTPHeaders({ "x-forwarded-for": FORGED_OFFICE, "x-atrium-client": "v1;10.1.2.3;0;x" });
    await visitor.page.goto(`${stack.portalUrl}/t/globex`);
    await visitor.page.getByLabel("Username").fill("user1");
    await visitor.page.getByLabel("Password").fill("demo");
    await visitor.page.getByRole("button", { name: "Sign in" }).click();
    await visitor.page.getByText("Sign-in is not allowed from this location").waitFor();
    await visitor.close();

    const events = await apiCall<{ loginEvents: { nodes: { username: string; clientIp: string; outcome: string }[] } }>(
      stack.apiUrl,
      "{ loginEvents(first: 20) { nodes { username clientIp outcome } } }",
      {},
      admin,
    );
    const attempt = events.loginEvents.nodes.find((event) => event.username === "user1");
    expect(attempt).toMatchObject({ clientIp: "127.0.0.1", outcome: "FAILURE" });
    expect(events.loginEvents.nodes.map((event) => event.clientIp)).not.toContain(FORGED_OFFICE);
  });
});
