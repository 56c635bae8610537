import { ensurePackages } from "@atrium/api/testing/test-services";
import { AlertRule, AuditEvent, LoginEvent, ReportSchedule, SmtpSettings, UsageRecord } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMspAdmin, createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { parseCsv, pdfText } from "../fixtures/report-files.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

// Report data, schedules, alert rules and SMTP settings: tenant isolation, validation and write-only secrets.
let app: TestApp;
let msp: string;
let acme: TenantFixture;
let globex: TenantFixture;
let acmeScheduleId: string;
let acmeRuleId: string;

const SCHEDULE_INPUT = {
  name: "Monthly assignments",
  report: "ASSIGNMENT_HISTORY",
  formats: ["PDF"],
  period: "MONTHLY",
  timeZone: "America/New_York",
  hour: 7,
  recipients: ["cio@acme.example"],
};
const CREATE_SCHEDULE = `mutation($input: CreateReportScheduleInput!) { createReportSchedule(input: $input) { id } }`;
const SAVE_SMTP = `mutation($input: SmtpSettingsInput!) { saveSmtpSettings(input: $input) { id host hasPassword tenantOverride } }`;
const PERIOD = { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" };

const rows = <T extends object>(entity: new () => T) => app.database.dataSource.getRepository(entity);

beforeAll(() => ensurePackages("reports"));
beforeAll(async () => {
  app = await startTestApp();
  msp = await createMspAdmin(app);
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  acmeScheduleId = dataOf(
    await app.gql<{ createReportSchedule: { id: string } }>(
      CREATE_SCHEDULE,
      { input: SCHEDULE_INPUT },
      acme.adminToken,
    ),
  ).createReportSchedule.id;
  acmeRuleId = dataOf(
    await app.gql<{ createAlertRule: { id: string } }>(
      `mutation($input: CreateAlertRuleInput!) { createAlertRule(input: $input) { id } }`,
      {
        input: {
          name: "Spike",
          kind: "FAILED_LOGIN_SPIKE",
          threshold: 10,
          windowMinutes: 5,
          recipients: ["soc@acme.example"],
        },
      },
      acme.adminToken,
    ),
  ).createAlertRule.id;
  await rows(LoginEvent).insert(
    [acme, globex].flatMap((fixture) =>
      Array.from({ length: 5 }, (_, i) => ({
        tenantId: fixture.tenant.id,
        username: `${fixture.tenant.slug}-user${i}`,
        clientIp: "10.0.0.1",
        providerKind: "local",
        outcome: "success" as const,
        createdAt: new Date(Date.UTC(2026, 0, 10, 9, i)),
      })),
    ),
  );
});

afterAll(async () => {
  await app?.close();
});

describe("report schedules", () => {
  it("another tenant's schedule is NOT_FOUND for read, update, delete, send now and its log, and stays unchanged", async () => {
    const before = await rows(ReportSchedule).findOneByOrFail({ id: acmeScheduleId });
    const id = { id: acmeScheduleId };
    const results = [
      await app.gql(`query($id: ID!) { reportSchedule(id: $id) { id } }`, id, globex.adminToken),
      await app.gql(
        `query($id: ID!) { reportDeliveries(scheduleId: $id) { totalCount } }`,
        { id: acmeScheduleId },
        globex.adminToken,
      ),
      await app.gql(
        `mutation($id: ID!) { updateReportSchedule(id: $id, input: { recipients: ["evil@globex.example"] }) { id } }`,
        id,
        globex.adminToken,
      ),
      await app.gql(`mutation($id: ID!) { sendReportNow(id: $id) { id } }`, id, globex.adminToken),
      await app.gql(`mutation($id: ID!) { deleteReportSchedule(id: $id) { id } }`, id, globex.adminToken),
    ];
    for (const result of results) expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
    expect(await rows(ReportSchedule).findOneByOrFail({ id: acmeScheduleId })).toEqual(before);
    const listed = dataOf(
      await app.gql<{ reportSchedules: unknown[] }>("{ reportSchedules { id } }", {}, globex.adminToken),
    );
    expect(listed.reportSchedules).toEqual([]);
    // The MSP's own (MSP-wide) list does not include tenant schedules either.
    const mspListed = dataOf(await app.gql<{ reportSchedules: unknown[] }>("{ reportSchedules { id } }", {}, msp));
    expect(mspListed.reportSchedules).toEqual([]);
  });

  it.each([
    ["a bad e-mail address", { recipients: ["not-an-address"] }, "recipients"],
    ["an unknown time zone", { timeZone: "Mars/Olympus_Mons" }, "timeZone"],
    ["no recipients", { recipients: [] }, "recipients"],
    ["no formats", { formats: [] }, "formats"],
    ["an hour out of range", { hour: 24 }, "hour"],
  ])("refuses %s with BAD_USER_INPUT and creates nothing", async (_label, patch, field) => {
    const count = await rows(ReportSchedule).count();
    const result = await app.gql(CREATE_SCHEDULE, { input: { ...SCHEDULE_INPUT, ...patch } }, acme.adminToken);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(result.errors)).toContain(field);
    expect(await rows(ReportSchedule).count()).toBe(count);
  });

  it("an update with a bad time zone is refused and changes nothing", async () => {
    const before = await rows(ReportSchedule).findOneByOrFail({ id: acmeScheduleId });
    const result = await app.gql(
      `mutation($id: ID!) { updateReportSchedule(id: $id, input: { timeZone: "Europe/Atlantis" }) { id } }`,
      { id: acmeScheduleId },
      acme.adminToken,
    );
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(await rows(ReportSchedule).findOneByOrFail({ id: acmeScheduleId })).toEqual(before);
  });

  it("helpdesk and end users may not manage schedules", async () => {
    for (const token of [acme.helpdeskToken, acme.userToken]) {
      expect(errorCodes(await app.gql(CREATE_SCHEDULE, { input: SCHEDULE_INPUT }, token))).toEqual(["FORBIDDEN"]);
    }
  });
});

describe("alert rules", () => {
  it("another tenant's rule is NOT_FOUND for update and delete and stays unchanged", async () => {
    const before = await rows(AlertRule).findOneByOrFail({ id: acmeRuleId });
    const update = await app.gql(
      `mutation($id: ID!) { updateAlertRule(id: $id, input: { enabled: false }) { id } }`,
      { id: acmeRuleId },
      globex.adminToken,
    );
    const remove = await app.gql(
      `mutation($id: ID!) { deleteAlertRule(id: $id) { id } }`,
      { id: acmeRuleId },
      globex.adminToken,
    );
    expect(errorCodes(update)).toEqual(["NOT_FOUND"]);
    expect(errorCodes(remove)).toEqual(["NOT_FOUND"]);
    expect(await rows(AlertRule).findOneByOrFail({ id: acmeRuleId })).toEqual(before);
    expect(
      dataOf(await app.gql<{ alertRules: unknown[] }>("{ alertRules { id } }", {}, globex.adminToken)).alertRules,
    ).toEqual([]);
  });

  it.each([
    ["a missing threshold", { kind: "POOL_AVAILABLE_BELOW" }, "threshold"],
    ["a percentage above 100", { kind: "QUOTA_ABOVE", threshold: 150 }, "threshold"],
    ["a spike without a window", { kind: "FAILED_LOGIN_SPIKE", threshold: 5 }, "windowMinutes"],
    ["a bad recipient", { kind: "POOL_PAUSED", recipients: ["ops@"] }, "recipients"],
    ["no recipients", { kind: "POOL_PAUSED", recipients: [] }, "recipients"],
  ])("refuses %s with BAD_USER_INPUT and creates nothing", async (_label, patch, field) => {
    const count = await rows(AlertRule).count();
    const result = await app.gql(
      `mutation($input: CreateAlertRuleInput!) { createAlertRule(input: $input) { id } }`,
      { input: { name: "Bad", recipients: ["ops@acme.example"], ...patch } },
      acme.adminToken,
    );
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(result.errors)).toContain(field);
    expect(await rows(AlertRule).count()).toBe(count);
  });
});

describe("SMTP settings", () => {
  const input = (host: string, password?: string) => ({
    host,
    port: 2525,
    tlsMode: "STARTTLS",
    username: "mailer",
    ...(password ? { password } : {}),
    fromAddress: "reports@acme.example",
  });

  it("the password is write-only: no field returns it, and it is stored sealed and audited redacted", async () => {
    const saved = dataOf(
      await app.gql<{ saveSmtpSettings: Record<string, unknown> }>(
        SAVE_SMTP,
        { input: input("smtp.acme.example", "Pa55-word!") },
        acme.adminToken,
      ),
    ).saveSmtpSettings;
    expect(saved).toMatchObject({ host: "smtp.acme.example", hasPassword: true, tenantOverride: true });
    const type = dataOf(
      await app.gql<{ __type: { fields: { name: string }[] } }>(`{ __type(name: "SmtpSettings") { fields { name } } }`),
    ).__type.fields.map((field) => field.name);
    expect(type.filter((name) => /pass|secret/i.test(name))).toEqual(["hasPassword"]);
    const row = await rows(SmtpSettings).findOneByOrFail({ tenantId: acme.tenant.id });
    expect(row.passwordEnc).not.toContain("Pa55-word!");
    expect(app.services.secretBox.open(row.passwordEnc!)).toBe("Pa55-word!");
    const audits = await rows(AuditEvent).findBy({ tenantId: acme.tenant.id, action: "saveSmtpSettings" });
    expect(audits.length).toBeGreaterThan(0);
    expect(JSON.stringify(audits)).not.toContain("Pa55-word!");
    // Saving without a password keeps the stored one.
    dataOf(await app.gql(SAVE_SMTP, { input: input("smtp2.acme.example") }, acme.adminToken));
    expect((await rows(SmtpSettings).findOneByOrFail({ tenantId: acme.tenant.id })).passwordEnc).toBe(row.passwordEnc);
  });

  it("each tenant sees and changes only its own override; the MSP's settings stay the MSP's", async () => {
    dataOf(await app.gql(SAVE_SMTP, { input: input("smtp.msp.example", "msp-secret") }, msp));
    const acmeBefore = await rows(SmtpSettings).findOneByOrFail({ tenantId: acme.tenant.id });
    const seen = dataOf(await app.gql<{ smtpSettings: unknown }>("{ smtpSettings { host } }", {}, globex.adminToken));
    expect(seen.smtpSettings).toBeNull();
    dataOf(await app.gql(SAVE_SMTP, { input: input("smtp.globex.example") }, globex.adminToken));
    expect(errorCodes(await app.gql("mutation { deleteSmtpSettings { id } }", {}, globex.adminToken))).toEqual([]);
    expect(await rows(SmtpSettings).findOneByOrFail({ tenantId: acme.tenant.id })).toEqual(acmeBefore);
    const mspSeen = dataOf(await app.gql<{ smtpSettings: { host: string } }>("{ smtpSettings { host } }", {}, msp));
    expect(mspSeen.smtpSettings.host).toBe("smtp.msp.example");
  });

  it("refuses a bad from address or port with BAD_USER_INPUT and keeps the settings", async () => {
    const before = await rows(SmtpSettings).findOneByOrFail({ tenantId: acme.tenant.id });
    for (const bad of [{ fromAddress: "nobody" }, { port: 70000 }, { host: "bad host!" }]) {
      const result = await app.gql(SAVE_SMTP, { input: { ...input("smtp.acme.example"), ...bad } }, acme.adminToken);
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    }
    expect(await rows(SmtpSettings).findOneByOrFail({ tenantId: acme.tenant.id })).toEqual(before);
  });
});

describe("report data", () => {
  it("loginHistory pages through the caller's tenant only, each row once", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        loginHistory: { nodes: { user: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      } = dataOf(
        await app.gql(
          `query($filter: ReportRangeInput!, $after: String) { loginHistory(filter: $filter, first: 2, after: $after) {
              nodes { user } pageInfo { hasNextPage endCursor } } }`,
          { filter: PERIOD, after },
          acme.adminToken,
        ),
      );
      seen.push(...page.loginHistory.nodes.map((node) => node.user));
      if (!page.loginHistory.pageInfo.hasNextPage) break;
      after = page.loginHistory.pageInfo.endCursor;
    }
    expect(seen).toEqual(["acme-user0", "acme-user1", "acme-user2", "acme-user3", "acme-user4"]);
  });

  it("refuses a reversed period and a forged cursor with BAD_USER_INPUT", async () => {
    const reversed = await app.gql(
      `query($filter: ReportRangeInput!) { loginHistory(filter: $filter) { totalCount } }`,
      { filter: { from: PERIOD.to, to: PERIOD.from } },
      acme.adminToken,
    );
    const forged = await app.gql(
      `query($filter: ReportRangeInput!) { loginHistory(filter: $filter, after: "bm9wZQ") { totalCount } }`,
      { filter: PERIOD },
      acme.adminToken,
    );
    expect(errorCodes(reversed)).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(forged)).toEqual(["BAD_USER_INPUT"]);
  });

  it("the download route streams the token's tenant's CSV and refuses anonymous callers", async () => {
    const url = `${app.url.replace(/\/graphql$/, "")}/reports/login-history.csv?from=${PERIOD.from}&to=${PERIOD.to}`;
    const download = async (token?: string) =>
      fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const acmeCsv = await download(acme.adminToken);
    expect(acmeCsv.status).toBe(200);
    expect(acmeCsv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const records = parseCsv((await acmeCsv.text()).replace(/^\uFEFF/, ""));
    expect(records.slice(1).map((record) => record[1])).toEqual([
      "acme-user0",
      "acme-user1",
      "acme-user2",
      "acme-user3",
      "acme-user4",
    ]);
    const globexCsv = parseCsv((await (await download(globex.adminToken)).text()).replace(/^\uFEFF/, ""));
    expect(globexCsv.slice(1).every((record) => record[1]?.startsWith("globex-"))).toBe(true);
    expect((await download()).status).toBe(401);
    expect((await download(acme.userToken)).status).toBe(403);
    const pdf = await download(acme.adminToken).then(() =>
      fetch(url.replace(".csv", ".pdf"), { headers: { authorization: `Bearer ${acme.adminToken}` } }),
    );
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("brokerMetrics counts the tenant's sign-ins per hour", async () => {
    const metrics = dataOf(
      await app.gql<{ brokerMetrics: { hourly: { hour: string; logins: number }[] } }>(
        `query($range: ReportRangeInput!) { brokerMetrics(range: $range) { hourly { hour logins } pools { pool } capacity { resource used } } }`,
        { range: PERIOD },
        acme.adminToken,
      ),
    ).brokerMetrics;
    expect(metrics.hourly).toHaveLength(31 * 24);
    expect(metrics.hourly.filter((point) => point.logins > 0)).toEqual([
      { hour: "2026-01-10T09:00:00.000Z", logins: 5 },
    ]);
  });

  it("the usage report sums the period's metered hours per pool, flavor and user, for the caller's tenant only", async () => {
    const hour = (h: number) => new Date(Date.UTC(2026, 0, 12, h));
    const record = (tenantId: string, username: string | null, h: number, poweredOn: string) => ({
      tenantId,
      hourStart: hour(h),
      poolId: "6aa2c0c6-8dc2-41eb-8c34-eda8bdce4600",
      poolName: "win11",
      flavorRef: "vdi.medium",
      userId: username ? `6aa2c0c6-8dc2-41eb-8c34-eda8bdce46${username.length.toString().padStart(2, "0")}` : null,
      username,
      poweredOnHours: poweredOn,
      assignedHours: username ? poweredOn : "0",
      sessionHours: username ? "0.5" : "0",
      vcpuHours: String(Number(poweredOn) * 2),
      ramGbHours: String(Number(poweredOn) * 8),
      storageGbHours: String(Number(poweredOn) * 64),
      meteredAt: hour(h + 1),
    });
    await rows(UsageRecord).insert([
      record(acme.tenant.id, "alice", 9, "1"),
      record(acme.tenant.id, "alice", 10, "0.75"),
      record(acme.tenant.id, null, 9, "0.25"),
      record(globex.tenant.id, "mallory", 9, "1"),
    ]);
    const base = `${app.url.replace(/\/graphql$/, "")}/reports/usage`;
    const query = `?from=${PERIOD.from}&to=${PERIOD.to}`;
    const auth = { headers: { authorization: `Bearer ${acme.adminToken}` } };
    const csv = parseCsv((await (await fetch(`${base}.csv${query}`, auth)).text()).replace(/^\uFEFF/, ""));
    expect(csv[0]?.slice(0, 5)).toEqual(["Tenant", "Pool", "Flavor", "User", "Desktop-hours"]);
    const body = csv.slice(1).map((record) => [record[3], Number(record[4]), Number(record[6]), Number(record[7])]);
    expect(body).toEqual([
      ["alice", 1.75, 1, 3.5],
      ["", 0.25, 0, 0.5],
    ]);
    const pdf = Buffer.from(await (await fetch(`${base}.pdf${query}`, auth)).arrayBuffer());
    const text = pdfText(pdf, "usage-monthly");
    expect(text).toContain("acme Inc.");
    expect(text).toContain("alice");
    expect(text).not.toContain("mallory");
  });
});
