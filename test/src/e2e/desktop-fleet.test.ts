import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { usePortalE2e } from "../fixtures/e2e.js";
import { apiCall, apiSignIn } from "../fixtures/stack.js";

interface FleetDesktop {
  id: string;
  name: string;
  observedPowerState: string;
}

const DESKTOPS = "{ desktops(first: 50) { nodes { id name observedPowerState } } }";

// Issue 17's third "Done when": the tenant admin filters the desktops by power state, selects three, restarts them
// in bulk (each restart audited on its own desktop) and exports the filtered list as CSV.
describe("desktops list: a fleet's filters, bulk actions and export", () => {
  const { stack, signedIn } = usePortalE2e();

  it("filters by power state, restarts three desktops in bulk and exports the filtered list", async () => {
    const token = await apiSignIn(stack.apiUrl, "admin", "acme");
    const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
      apiCall<T>(stack.apiUrl, query, variables, token);
    // The demo pool keeps two desktops; a fleet needs a few more, all running.
    const { pools } = await gql<{ pools: { nodes: { id: string }[] } }>("{ pools(first: 1) { nodes { id } } }");
    await gql("mutation($id: ID!, $input: UpdatePoolInput!) { updatePool(id: $id, input: $input) { id } }", {
      id: pools.nodes[0]!.id,
      input: { minTotal: 5, minRunning: 5 },
    });
    let running: FleetDesktop[] = [];
    for (let attempt = 0; attempt < 120 && running.length < 5; attempt++) {
      const { desktops } = await gql<{ desktops: { nodes: FleetDesktop[] } }>(DESKTOPS);
      running = desktops.nodes.filter((desktop) => desktop.observedPowerState === "RUNNING");
      if (running.length < 5) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(running.length).toBe(5);
    // One desktop shut down, so the power filter has something to leave out.
    const [stopped, ...others] = running;
    await gql("mutation($id: ID!) { desktopAction(id: $id, action: STOP) { id } }", { id: stopped!.id });
    for (let attempt = 0; attempt < 60; attempt++) {
      const { desktop } = await gql<{ desktop: FleetDesktop }>(
        "query($id: ID!) { desktop(id: $id) { id name observedPowerState } }",
        { id: stopped!.id },
      );
      if (desktop.observedPowerState === "STOPPED") break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }

    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    await page.goto(`${stack.portalUrl}/console/desktops`);
    await page.getByLabel("Power").selectOption("RUNNING");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL((url) => url.searchParams.get("power") === "RUNNING");
    const table = page.getByRole("table", { name: "Desktop list" });
    await expect(table.getByRole("link", { name: stopped!.name }).count()).resolves.toBe(0);
    for (const desktop of others) await table.getByRole("link", { name: desktop.name }).waitFor();

    // The export is the filtered list: the running desktops, not the stopped one.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^desktops-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = fs
      .readFileSync((await download.path())!, "utf8")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("Desktop,Pool,Availability,Power,Desired power,Session,Out of service,Assigned to");
    const exported = lines.slice(1).map((line) => line.split(","));
    expect(exported.map((cells) => cells[0]).sort()).toEqual(others.map((desktop) => desktop.name).sort());
    expect(new Set(exported.map((cells) => cells[3]))).toEqual(new Set(["RUNNING"]));
    const chosen = others.slice(0, 3);
    for (const desktop of chosen) await page.getByRole("checkbox", { name: `Select ${desktop.name}` }).check();
    const bulk = page.getByRole("group", { name: "Act on selected desktops" });
    await bulk.getByText("3 selected").waitFor();
    await admin.screenshot("desktops-bulk-selected");
    await bulk.getByRole("button", { name: "Restart", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Restart 3 desktops?" });
    await dialog.getByRole("button", { name: "Restart 3 desktops" }).click();
    await bulk.getByRole("status").getByText("Restart requested for 3 desktops.").waitFor();
    await bulk.getByText("0 selected").waitFor();

    // Each restart is the desktop's own audited action, by the admin.
    const { auditEvents } = await gql<{ auditEvents: { nodes: { targetId: string; actorName: string }[] } }>(
      `{ auditEvents(first: 50, filter: { action: "desktopAction:REBOOT" }) { nodes { targetId actorName } } }`,
    );
    expect(auditEvents.nodes.map((event) => event.targetId).sort()).toEqual(chosen.map((desktop) => desktop.id).sort());
    expect(new Set(auditEvents.nodes.map((event) => event.actorName))).toEqual(new Set(["admin"]));

    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 300_000);
});
