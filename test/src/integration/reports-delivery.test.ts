import { alertsEvaluateJob, reportDeliverJob, reportDispatchJob } from "@atrium/api";
import { enqueueJob } from "@atrium/api/jobs/index";
import { ensurePackages } from "@atrium/api/testing/test-services";
import { Desktop, LoginEvent, Pool, ReportDelivery, ReportSchedule } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCloud,
  createDesktops,
  createMspAdmin,
  createPool,
  createTenantWithPeople,
  signIn,
  type TenantFixture,
} from "../fixtures/factories.js";
import { parseCsv, pdfText } from "../fixtures/report-files.js";
import { startReportWorker } from "../fixtures/report-jobs.js";
import { closedPort, type SmtpSink, startSmtpSink } from "../fixtures/smtp-sink.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";

// Reports and alerts go out through a real SMTP server started here; what it received is parsed and checked.
let app: TestApp;
let smtp: SmtpSink;
let msp: string;
let acme: TenantFixture;
let globex: TenantFixture;
let worker: ReturnType<typeof startReportWorker>;
const DAY = 86_400_000;

const SAVE_SMTP = `mutation($input: SmtpSettingsInput!) { saveSmtpSettings(input: $input) { id hasPassword } }`;
const CREATE_SCHEDULE = `mutation($input: CreateReportScheduleInput!) { createReportSchedule(input: $input) { id } }`;
const CREATE_RULE = `mutation($input: CreateAlertRuleInput!) { createAlertRule(input: $input) { id } }`;

/** Tokens expire as the test clock moves on; sign in again afterwards. */
async function signInAgain() {
  msp = await signIn(app, "msp-admin");
  acme.adminToken = await signIn(app, "admin", "acme");
  globex.adminToken = await signIn(app, "admin", "globex");
}

async function runJob(definition: typeof reportDispatchJob | typeof alertsEvaluateJob) {
  await enqueueJob(app.database.dataSource.manager, definition, {}, { runAt: app.clock.now() });
  await worker.drain();
}

beforeAll(() => ensurePackages("reports"));
beforeAll(async () => {
  // Links in mails point at the portal's public address.
  app = await startTestApp({ ATRIUM_PUBLIC_URL: "https://desktops.example.test" });
  smtp = await startSmtpSink();
  msp = await createMspAdmin(app);
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  worker = startReportWorker(app);
  dataOf(
    await app.gql(
      SAVE_SMTP,
      {
        input: {
          host: "127.0.0.1",
          port: smtp.port,
          tlsMode: "NONE",
          username: "relay",
          password: "smtp-secret-1",
          fromAddress: "reports@msp.example",
        },
      },
      msp,
    ),
  );
});

afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await app?.close();
});

describe("scheduled report delivery", () => {
  it("mails yesterday's login history as CSV and PDF to the recipients once, and logs it", async () => {
    const dayStart = new Date(Math.floor(app.clock.now().getTime() / DAY) * DAY);
    await app.database.dataSource.getRepository(LoginEvent).insert(
      Array.from({ length: 30 }, (_, i) => ({
        tenantId: acme.tenant.id,
        username: `user${i % 5}@acme.example`,
        clientIp: `10.1.0.${i}`,
        providerKind: "local",
        mfa: i % 3 === 0 ? "totp" : "none",
        outcome: i % 4 === 0 ? ("failure" as const) : ("success" as const),
        reason: i % 4 === 0 ? "Wrong password, try again" : null,
        createdAt: new Date(dayStart.getTime() + 3_600_000 + i * 60_000),
      })),
    );
    // Another tenant's sign-ins in the same period must not appear in acme's report.
    await app.database.dataSource.getRepository(LoginEvent).insert({
      tenantId: globex.tenant.id,
      username: "intruder@globex.example",
      clientIp: "192.0.2.1",
      providerKind: "local",
      outcome: "success",
      createdAt: new Date(dayStart.getTime() + 7_200_000),
    });
    const created = dataOf(
      await app.gql<{ createReportSchedule: { id: string } }>(
        CREATE_SCHEDULE,
        {
          input: {
            name: "Daily sign-ins",
            report: "LOGIN_HISTORY",
            formats: ["CSV", "PDF"],
            period: "DAILY",
            timeZone: "UTC",
            hour: 0,
            recipients: ["Security@Acme.example", "cio@acme.example"],
          },
        },
        acme.adminToken,
      ),
    ).createReportSchedule;

    await runJob(reportDispatchJob);
    expect(smtp.messages).toHaveLength(0); // today's period is not over yet
    app.clock.advance(DAY + 60_000);
    await runJob(reportDispatchJob);
    await runJob(reportDispatchJob); // a second dispatcher tick finds the period already logged

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.rcptTo.sort()).toEqual(["cio@acme.example", "security@acme.example"]);
    expect(mail.parsed.subject).toContain("Login history");
    expect(mail.parsed.subject).toContain("acme Inc.");
    expect(mail.parsed.text).toContain("Report schedules: https://desktops.example.test/console/reports");
    expect(mail.parsed.from?.text).toContain("reports@msp.example");
    const [csv, pdf] = mail.parsed.attachments;
    expect(csv?.contentType).toBe("text/csv");
    expect(csv?.filename).toMatch(/^login-history_acme_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(pdf?.contentType).toBe("application/pdf");

    const records = parseCsv(csv!.content.toString("utf8").replace(/^\uFEFF/, ""));
    expect(records[0]).toEqual([
      "Time",
      "User",
      "Source IP",
      "Location",
      "Identity provider",
      "MFA",
      "Outcome",
      "Reason",
    ]);
    // The fixtures' own sign-ins (admin, helpdesk, user1) are acme's too; the seeded 30 are told apart by domain.
    const seeded = records.slice(1).filter((record) => record[1]?.endsWith("@acme.example"));
    expect(seeded).toHaveLength(30);
    expect(seeded.filter((record) => record[6] === "Failed")).toHaveLength(8);
    expect(seeded[0]).toEqual([
      expect.stringMatching(/T01:00:00Z$/),
      "user0@acme.example",
      "10.1.0.0",
      "",
      "local",
      "TOTP",
      "Failed",
      "Wrong password, try again",
    ]);
    expect(records.flat().join(" ")).not.toContain("intruder");

    const text = pdfText(pdf!.content, "login-history-daily");
    expect(text).toContain("Login history");
    expect(text).toContain("acme Inc.");
    expect(text).toContain("user1@acme.example");
    expect(text).toContain("Wrong password, try again");
    expect(text).not.toContain("intruder");

    await signInAgain();
    const log = dataOf(
      await app.gql<{ reportDeliveries: { nodes: { status: string; attempts: number; messageId: string }[] } }>(
        `query($id: ID!) { reportDeliveries(scheduleId: $id) { nodes { status attempts messageId } } }`,
        { id: created.id },
        acme.adminToken,
      ),
    ).reportDeliveries.nodes;
    expect(log).toEqual([{ status: "SENT", attempts: 1, messageId: expect.stringContaining("@atrium>") }]);
  });

  it("retries an unreachable SMTP server with backoff, then logs the delivery as failed and raises an alert", async () => {
    await signInAgain();
    dataOf(
      await app.gql(
        SAVE_SMTP,
        { input: { host: "127.0.0.1", port: await closedPort(), tlsMode: "NONE", fromAddress: "it@globex.example" } },
        globex.adminToken,
      ),
    );
    dataOf(
      await app.gql(
        CREATE_RULE,
        { input: { name: "Report mail", kind: "REPORT_DELIVERY_FAILED", recipients: ["noc@msp.example"] } },
        msp,
      ),
    );
    const schedule = dataOf(
      await app.gql<{ createReportSchedule: { id: string } }>(
        CREATE_SCHEDULE,
        {
          input: {
            name: "Weekly assignments",
            report: "ASSIGNMENT_HISTORY",
            formats: ["CSV"],
            period: "WEEKLY",
            timeZone: "Europe/Berlin",
            recipients: ["boss@globex.example"],
          },
        },
        globex.adminToken,
      ),
    ).createReportSchedule;
    const sent = dataOf(
      await app.gql<{ sendReportNow: { id: string; status: string } }>(
        `mutation($id: ID!) { sendReportNow(id: $id) { id status } }`,
        { id: schedule.id },
        globex.adminToken,
      ),
    ).sendReportNow;
    expect(sent.status).toBe("PENDING");
    const before = smtp.messages.length;
    const deliveries = app.database.dataSource.getRepository(ReportDelivery);
    await worker.drain();
    expect(await deliveries.findOneByOrFail({ id: sent.id })).toMatchObject({ status: "retrying", attempts: 1 });
    for (let attempt = 2; attempt <= 4; attempt++) {
      app.clock.advance(20 * 60_000);
      await worker.drain();
    }
    const failed = await deliveries.findOneByOrFail({ id: sent.id });
    expect(failed).toMatchObject({ status: "failed", attempts: 4 });
    expect(failed.error).toMatch(/ECONNREFUSED|connect/i);
    expect(smtp.messages).toHaveLength(before);

    await runJob(alertsEvaluateJob);
    await runJob(alertsEvaluateJob);
    const alerts = smtp.messages.slice(before);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.rcptTo).toEqual(["noc@msp.example"]);
    expect(alerts[0]!.parsed.subject).toBe("[Alert] Report mail: Report schedule Weekly assignments");
    expect(alerts[0]!.parsed.text).toMatch(/could not be delivered/);
    expect(alerts[0]!.parsed.text).toContain("Open the console: https://desktops.example.test/msp");
  });
});

describe("alerts by e-mail", () => {
  it("mails an alert once while the condition holds, then a resolved message when it clears", async () => {
    await signInAgain();
    const pool = await createPool(app, acme.tenant, await createCloud(app, "vhi-alerts"), "kiosk");
    const desktops = await createDesktops(app, pool, 2, [acme.user]);
    dataOf(
      await app.gql(
        CREATE_RULE,
        {
          input: {
            name: "Kiosk headroom",
            kind: "POOL_AVAILABLE_BELOW",
            threshold: 1,
            recipients: ["ops@acme.example"],
          },
        },
        acme.adminToken,
      ),
    );
    const before = smtp.messages.length;
    await runJob(alertsEvaluateJob);
    app.clock.advance(60_000);
    await runJob(alertsEvaluateJob);
    const raised = smtp.messages.slice(before);
    expect(raised).toHaveLength(1);
    expect(raised[0]!.rcptTo).toEqual(["ops@acme.example"]);
    expect(raised[0]!.parsed.subject).toBe("[Alert] Kiosk headroom: Pool kiosk");
    expect(raised[0]!.parsed.text).toContain("has 0 available desktops");
    expect(raised[0]!.parsed.text).toContain("Open the console: https://desktops.example.test/console/notifications");
    const open = dataOf(
      await app.gql<{ alerts: { status: string; subjectLabel: string }[] }>(
        "{ alerts { status subjectLabel } }",
        {},
        acme.adminToken,
      ),
    ).alerts;
    expect(open).toEqual([{ status: "OPEN", subjectLabel: "Pool kiosk" }]);

    await app.database.dataSource
      .getRepository(Desktop)
      .update({ id: desktops[0]!.id }, { availability: "available", assignedUserId: null });
    app.clock.advance(60_000);
    await runJob(alertsEvaluateJob);
    app.clock.advance(60_000);
    await runJob(alertsEvaluateJob);
    const all = smtp.messages.slice(before);
    expect(all.map((m) => m.parsed.subject)).toEqual([
      "[Alert] Kiosk headroom: Pool kiosk",
      "[Resolved] Kiosk headroom: Pool kiosk",
    ]);
  });

  it("mails at most maxEmailsPerHour per rule and sends the rest an hour later", async () => {
    await signInAgain();
    const cloud = await createCloud(app, "vhi-paused");
    const pools = [
      await createPool(app, globex.tenant, cloud, "cad"),
      await createPool(app, globex.tenant, cloud, "gis"),
    ];
    await app.database.dataSource.getRepository(Pool).update(
      pools.map((pool) => pool.id),
      { status: "paused", statusReason: "Paused after 3 faults within 10 minutes" },
    );
    dataOf(
      await app.gql(
        CREATE_RULE,
        { input: { name: "Paused pools", kind: "POOL_PAUSED", recipients: ["ops@msp.example"], maxEmailsPerHour: 1 } },
        msp,
      ),
    );
    const before = smtp.messages.length;
    await runJob(alertsEvaluateJob);
    app.clock.advance(10 * 60_000);
    await runJob(alertsEvaluateJob);
    expect(smtp.messages.slice(before).map((m) => m.parsed.subject)).toHaveLength(1);
    app.clock.advance(60 * 60_000);
    await runJob(alertsEvaluateJob);
    const subjects = smtp.messages.slice(before).map((m) => m.parsed.subject);
    expect(subjects.sort()).toEqual(["[Alert] Paused pools: Pool cad", "[Alert] Paused pools: Pool gis"]);
    expect(smtp.messages.at(-1)?.parsed.text).toContain("Paused after 3 faults within 10 minutes");
  });

  it("raises a failed sign-in spike of N within M minutes once", async () => {
    await signInAgain();
    dataOf(
      await app.gql(
        CREATE_RULE,
        {
          input: {
            name: "Brute force",
            kind: "FAILED_LOGIN_SPIKE",
            threshold: 5,
            windowMinutes: 10,
            recipients: ["soc@acme.example"],
          },
        },
        acme.adminToken,
      ),
    );
    const failures = (count: number) =>
      app.database.dataSource.getRepository(LoginEvent).insert(
        Array.from({ length: count }, () => ({
          tenantId: acme.tenant.id,
          username: "admin",
          clientIp: "203.0.113.9",
          providerKind: "local",
          outcome: "failure" as const,
          createdAt: app.clock.now(),
        })),
      );
    const before = smtp.messages.length;
    await failures(4);
    await runJob(alertsEvaluateJob);
    expect(smtp.messages.length).toBe(before);
    await failures(2);
    await runJob(alertsEvaluateJob);
    await runJob(alertsEvaluateJob);
    const sent = smtp.messages.slice(before);
    expect(sent.map((m) => m.parsed.subject)).toEqual(["[Alert] Brute force: Failed sign-ins"]);
    expect(sent[0]!.parsed.text).toContain("6 failed sign-ins in the last 10 minutes");
  });
});

describe("delivery safety and the test message", () => {
  it("a delivery found mid-send after a crash is logged as failed, not sent a second time", async () => {
    const schedule = await app.database.dataSource
      .getRepository(ReportSchedule)
      .findOneByOrFail({ name: "Daily sign-ins" });
    const delivery = await app.database.dataSource.getRepository(ReportDelivery).save({
      tenantId: schedule.tenantId,
      scheduleId: schedule.id,
      periodKey: "crash-test",
      periodStart: new Date("2026-01-01T00:00:00Z"),
      periodEnd: new Date("2026-01-02T00:00:00Z"),
      status: "sending",
      attempts: 1,
      recipients: schedule.recipients,
    });
    const before = smtp.messages.length;
    await enqueueJob(
      app.database.dataSource.manager,
      reportDeliverJob,
      { deliveryId: delivery.id },
      { runAt: app.clock.now() },
    );
    await worker.drain();
    expect(smtp.messages.length).toBe(before);
    const after = await app.database.dataSource.getRepository(ReportDelivery).findOneByOrFail({ id: delivery.id });
    expect(after.status).toBe("failed");
    expect(after.error).toMatch(/not resent/);
  });

  it("sendTestEmail goes through the caller's effective SMTP server and reports a failure as a result", async () => {
    await signInAgain();
    const before = smtp.messages.length;
    const sent = dataOf(
      await app.gql<{ sendTestEmail: { ok: boolean; messageId: string | null } }>(
        `mutation { sendTestEmail(to: "admin@acme.example") { ok messageId error } }`,
        {},
        acme.adminToken,
      ),
    ).sendTestEmail;
    expect(sent.ok).toBe(true);
    expect(smtp.messages.slice(before).map((m) => [m.rcptTo, m.parsed.subject])).toEqual([
      [["admin@acme.example"], "Atrium test message"],
    ]);
    // globex's own override points at a closed port.
    const failed = dataOf(
      await app.gql<{ sendTestEmail: { ok: boolean; error: string } }>(
        `mutation { sendTestEmail(to: "admin@globex.example") { ok error } }`,
        {},
        globex.adminToken,
      ),
    ).sendTestEmail;
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(/ECONNREFUSED|connect/i);
    expect(failed.error).not.toContain("smtp-secret-1");
  });
});
