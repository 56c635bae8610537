import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../fixtures/accessibility.js";
import type { TrackedPage } from "../fixtures/browser.js";
import { usePortalE2e } from "../fixtures/e2e.js";
import { parseCsv } from "../fixtures/report-files.js";

// Issue 16: the MSP runs its business from the overview and Billing, with the demo's metered week as the numbers.
describe("portal: MSP overview and billing", () => {
  let msp: TrackedPage;
  const { stack, signedIn } = usePortalE2e();

  const now = new Date();
  const month = now.toISOString().slice(0, 7);
  const MONTH = {
    from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
    to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString(),
  };

  /** The API's own answer, as a billing system would ask it, to hold the pages and files against. */
  async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const call = async (body: object, token?: string) => {
      const response = await fetch(stack.apiUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      const result = (await response.json()) as { data: Record<string, unknown>; errors?: unknown[] };
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data;
    };
    const signIn = (await call({
      query: `mutation { signInWithPassword(input: { username: "msp-admin", password: "demo" }) {
        ... on AuthPayload { accessToken } } }`,
    })) as { signInWithPassword: { accessToken: string } };
    return (await call({ query, variables }, signIn.signInWithPassword.accessToken)) as T;
  }

  beforeAll(async () => {
    msp = await signedIn("/signin", "msp-admin");
  }, 240_000);

  it("lands the MSP on the overview with the fleet's real numbers, clouds and charts", async () => {
    const { page } = msp;
    expect(new URL(page.url()).pathname).toBe("/msp");
    await page.getByRole("heading", { name: "Overview", exact: true }).waitFor();
    const { fleetOverview } = await api<{
      fleetOverview: { totals: { tenants: number; desktops: number; desktopHoursThisMonth: string } };
    }>("query { fleetOverview { totals { tenants desktops desktopHoursThisMonth } } }");
    // The demo's metered week: usage this month is real, not zero.
    expect(Number(fleetOverview.totals.desktopHoursThisMonth)).toBeGreaterThan(0);
    await expect(page.getByTestId("fleet-Tenants").textContent()).resolves.toBe(String(fleetOverview.totals.tenants));
    await expect(page.getByTestId("fleet-Desktops").textContent()).resolves.toBe(String(fleetOverview.totals.desktops));
    const hours = Number(fleetOverview.totals.desktopHoursThisMonth).toLocaleString("en-US", {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    await expect(page.getByTestId("fleet-Desktop-hours this month").textContent()).resolves.toBe(hours);
    await page.getByRole("heading", { name: "Cloud health" }).waitFor();
    await page.getByRole("img", { name: /sign-ins per day over the last 30 days/ }).waitFor();
    await page.getByRole("link", { name: "Acme Corporation" }).waitFor();
    await msp.screenshot("msp-overview");

    // Search, status filter and sort run on the server: the URL carries them and the table shows the answer.
    await page.getByLabel("Search").fill("glob");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL("**/msp?**q=glob**");
    await page.getByRole("link", { name: "Globex Industries" }).waitFor();
    await expect(page.getByRole("link", { name: "Acme Corporation" }).count()).resolves.toBe(0);
    await page.goto(`${stack.portalUrl}/msp?sort=USAGE&order=desc&status=ACTIVE`);
    await page.getByRole("row").filter({ hasText: "Acme Corporation" }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(msp.errors).toEqual([]);
  });

  it("opens Billing, drills into acme and a pool, and downloads CSV and PDF whose totals equal usageSummary", async () => {
    const { page } = msp;
    await page.goto(`${stack.portalUrl}/msp`);
    await page.getByRole("link", { name: "Billing & usage" }).click();
    await page.getByRole("heading", { name: "Billing & usage", exact: true }).waitFor();
    await page.getByRole("img", { name: /Desktop-hours per day/ }).waitFor();
    await msp.screenshot("msp-billing");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole("row").filter({ hasText: "Acme Corporation" }).getByRole("link").first().click();
    await page.waitForURL("**/msp/billing/**");
    await page.getByRole("heading", { name: "Acme Corporation", exact: true }).waitFor();
    const { tenantOverview } = await api<{ tenantOverview: { rows: { tenant: { id: string } }[] } }>(
      'query { tenantOverview(search: "acme") { rows { tenant { id } } } }',
    );
    const acmeId = tenantOverview.rows[0]!.tenant.id;
    const { usageSummary } = await api<{ usageSummary: Record<string, string>[] }>(
      `query($filter: UsageFilter!) {
        usageSummary(filter: $filter, groupBy: []) { poweredOnHours vcpuHours ramGbHours storageGbHours }
      }`,
      { filter: { ...MONTH, tenantId: acmeId } },
    );
    const totals = usageSummary[0]!;
    await expect(page.getByTestId("kpi-poweredOnHours").textContent()).resolves.toBe(
      Number(totals.poweredOnHours).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    );

    // A price list turns the hours into amounts.
    await page.getByLabel("Currency").fill("EUR");
    await page.getByLabel("Per desktop-hour").fill("0.25");
    await page.getByRole("button", { name: "Save prices" }).click();
    await page.getByText("The price list was saved.").waitFor();
    await page.reload();
    await page.getByRole("cell", { name: /€/ }).first().waitFor();
    await msp.screenshot("msp-billing-tenant");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const [csvDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download CSV" }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(/^usage_.*\.csv$/);
    const [header, ...lines] = parseCsv(
      fs.readFileSync((await csvDownload.path()) ?? "", "utf8").replace(/^\uFEFF/, ""),
    );
    expect(new Set(lines.map((line) => line[0]))).toEqual(new Set(["Acme Corporation"]));
    // Exact to the sixth place: the file's lines add up to usageSummary's totals for the month.
    const micros = (text: string) => BigInt(text.replace(".", ""));
    const column = (name: string) => lines.reduce((sum, line) => sum + micros(line[header!.indexOf(name)]!), 0n);
    expect(column("Desktop-hours")).toBe(micros(totals.poweredOnHours!));
    expect(column("vCPU-hours")).toBe(micros(totals.vcpuHours!));
    expect(column("RAM GB-hours")).toBe(micros(totals.ramGbHours!));
    expect(column("Storage GB-hours")).toBe(micros(totals.storageGbHours!));

    const [pdfDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download PDF" }).click(),
    ]);
    expect(pdfDownload.suggestedFilename()).toMatch(/^usage_.*\.pdf$/);
    expect(
      fs
        .readFileSync((await pdfDownload.path()) ?? "")
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // Drill into the pool, then its users.
    await page.getByRole("table", { name: "By pool and flavor" }).getByRole("link").first().click();
    await page.waitForURL("**pool=**");
    await page.getByRole("heading", { name: /^Users of / }).waitFor();
    await page
      .getByRole("cell", { name: /^user\d$/ })
      .first()
      .waitFor();
    await msp.screenshot("msp-billing-pool");
    expect(new URL(page.url()).searchParams.get("month")).toBe(month);
    expect(msp.errors).toEqual([]);
  });

  it("lets acme's administrator download the usage report from the Reports page", async () => {
    const admin = await signedIn("/t/acme", "admin");
    const { page } = admin;
    await page.goto(`${stack.portalUrl}/console/reports`);
    await page.getByLabel("Report", { exact: true }).first().selectOption("usage");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^usage_.*\.csv$/);
    const csv = fs.readFileSync((await download.path()) ?? "", "utf8");
    expect(csv).toContain("Acme Corporation");
    expect(csv).not.toContain("Globex");
    expect(admin.errors).toEqual([]);
    await admin.close();
  });
});
