import { AuditEvent, Tenant } from "@atrium/schema";
import { DEFAULT_SEED_IDS, startVhiSimulator, type VhiSimulator } from "@atrium/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMspAdmin, createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { type SmtpSink, startSmtpSink } from "../fixtures/smtp-sink.js";
import { dataOf, errorCodes, type GraphqlResult, startTestApp, type TestApp } from "../fixtures/test-app.js";

// Onboarding maps a tenant to a project from the cloud's own Keystone lists, checked before the tenant is saved;
// the tenant's brand (logo, colour) is validated on the way in and shown on its public sign-in page.
let app: TestApp;
let sim: VhiSimulator;
let msp: string;
let acme: TenantFixture;
let cloudId: string;
let smtp: SmtpSink;

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63e02fcbfb0f00037e01f3a9df61700000000049454e44ae426082",
  "hex",
);
const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString("base64")}`;

const CREATE = `mutation($input: CreateTenantInput!) { createTenant(input: $input) { id cloudId vhiDomain vhiProject clouds { id } } }`;

function reasonOf(result: GraphqlResult) {
  return result.errors?.[0]?.extensions;
}

beforeAll(async () => {
  app = await startTestApp();
  sim = await startVhiSimulator();
  smtp = await startSmtpSink();
  msp = await createMspAdmin(app);
  acme = await createTenantWithPeople(app, "acme");
  await app.database.dataSource
    .getRepository(Tenant)
    .update({ id: acme.tenant.id }, { name: "Acme Corporation", vhiDomain: "Default", vhiProject: "tenant-acme" });
  const created = await app.gql<{ createCloud: { id: string } }>(
    `mutation($input: CreateCloudInput!) { createCloud(input: $input) { id } }`,
    {
      input: {
        name: "sim",
        authUrl: sim.url,
        region: "RegionOne",
        domainName: "Default",
        projectName: "admin",
        username: DEFAULT_SEED_IDS.serviceUser.name,
        password: DEFAULT_SEED_IDS.serviceUser.password,
      },
    },
    msp,
  );
  cloudId = dataOf(created).createCloud.id;
});

afterAll(async () => {
  await smtp?.close();
  await sim?.close();
  await app?.close();
});

describe("onboarding from the cloud's own lists", () => {
  it("lists Keystone's domains and the projects the service account may use, marking the ones in use", async () => {
    const result = await app.gql<{
      cloudDirectory: {
        domains: { id: string; name: string }[];
        projects: { name: string; tenantName: string | null }[];
      };
    }>(
      `query($cloudId: ID!) { cloudDirectory(cloudId: $cloudId) { domains { id name } projects { id name domainId tenantName } } }`,
      { cloudId },
      msp,
    );
    const directory = dataOf(result).cloudDirectory;
    expect(directory.domains).toEqual([{ id: "default", name: "Default" }]);
    expect(directory.projects.map((project) => project.name)).toEqual([
      "admin",
      "tenant-acme",
      "tenant-globex",
      "tenant-initech",
    ]);
    expect(directory.projects.find((project) => project.name === "tenant-acme")?.tenantName).toBe("Acme Corporation");
    expect(directory.projects.find((project) => project.name === "tenant-initech")?.tenantName).toBeNull();
  });

  it("refuses an unknown project with a typed error that names it, and saves nothing", async () => {
    const result = await app.gql(
      CREATE,
      { input: { name: "Initech", slug: "initech", cloudId, vhiDomain: "Default", vhiProject: "tenant-invented" } },
      msp,
    );
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(reasonOf(result)).toMatchObject({ reason: "CLOUD_PROJECT_UNKNOWN", field: "vhiProject" });
    expect(result.errors?.[0]?.message).toContain('"tenant-invented"');
    expect(await app.database.dataSource.getRepository(Tenant).findOneBy({ slug: "initech" })).toBeNull();

    const noCloud = await app.gql(
      CREATE,
      { input: { name: "Initech", slug: "initech", vhiProject: "tenant-initech" } },
      msp,
    );
    expect(reasonOf(noCloud)).toMatchObject({ code: "BAD_USER_INPUT", field: "cloudId" });
  });

  it("accepts a project picked from the list (by name or id) and stores Keystone's names", async () => {
    const created = dataOf(
      await app.gql<{
        createTenant: { id: string; cloudId: string; vhiDomain: string; vhiProject: string; clouds: { id: string }[] };
      }>(
        CREATE,
        {
          input: {
            name: "Initech",
            slug: "initech",
            cloudId,
            vhiDomain: "default",
            vhiProject: DEFAULT_SEED_IDS.initechProjectId,
          },
        },
        msp,
      ),
    ).createTenant;
    expect(created).toMatchObject({ cloudId, vhiDomain: "Default", vhiProject: "tenant-initech" });
    // Issue 14: the cloud the tenant's project was picked on is one it may build on, with no second step.
    expect(created.clouds).toEqual([{ id: cloudId }]);
    const moved = await app.gql(
      `mutation($id: ID!) { updateTenant(id: $id, input: { vhiProject: "tenant-nowhere" }) { id } }`,
      { id: created.id },
      msp,
    );
    expect(reasonOf(moved)).toMatchObject({ reason: "CLOUD_PROJECT_UNKNOWN" });
  });
});

describe("the invitation to the tenant's first administrator", () => {
  const INVITE = `mutation($tenantId: ID!, $input: TenantInvitationInput!) {
    sendTenantInvitation(tenantId: $tenantId, input: $input) { id } }`;

  it("is refused with a typed error while no mail server is configured, then sent under the tenant's name", async () => {
    const input = {
      email: "boss@acme.example.test",
      username: "admin",
      signInUrl: "https://portal.example.test/t/acme",
    };
    expect(errorCodes(await app.gql(INVITE, { tenantId: acme.tenant.id, input }, msp))).toEqual(["CONFLICT"]);
    dataOf(
      await app.gql(
        `mutation($input: SmtpSettingsInput!) { saveSmtpSettings(input: $input) { id } }`,
        { input: { host: "127.0.0.1", port: smtp.port, tlsMode: "NONE", fromAddress: "msp@example.test" } },
        msp,
      ),
    );
    dataOf(await app.gql(INVITE, { tenantId: acme.tenant.id, input }, msp));
    const mail = smtp.messages.find((message) => message.rcptTo.includes("boss@acme.example.test"));
    expect(mail?.parsed.subject).toBe("Welcome to Acme Corporation on Atrium");
    expect(mail?.parsed.text).toContain("https://portal.example.test/t/acme");
    expect(mail?.parsed.text).toContain("User name: admin");
    const relative = await app.gql(
      INVITE,
      { tenantId: acme.tenant.id, input: { ...input, signInUrl: "/t/acme" } },
      msp,
    );
    expect(reasonOf(relative)).toMatchObject({ code: "BAD_USER_INPUT", field: "signInUrl" });
    expect(errorCodes(await app.gql(INVITE, { tenantId: acme.tenant.id, input }, acme.adminToken))).toEqual([
      "FORBIDDEN",
    ]);
  });
});

describe("tenant branding", () => {
  const UPDATE = `mutation($id: ID!, $input: UpdateTenantInput!) { updateTenant(id: $id, input: $input) { logoDataUrl brandColor } }`;

  it("stores a PNG logo and an accent colour, shown by the public sign-in branding under the tenant's name", async () => {
    const logo = dataUrl("image/png", PNG);
    const updated = dataOf(
      await app.gql<{ updateTenant: { logoDataUrl: string } }>(
        UPDATE,
        { id: acme.tenant.id, input: { logo, brandColor: "#0f766e" } },
        msp,
      ),
    ).updateTenant;
    expect(updated.logoDataUrl).toBe(logo);
    const branding = dataOf(
      await app.gql<{ tenantBranding: Record<string, unknown> }>(
        `{ tenantBranding(slug: "acme") { name brandColor logoDataUrl } }`,
      ),
    ).tenantBranding;
    expect(branding).toEqual({ name: "Acme Corporation", brandColor: "#0f766e", logoDataUrl: logo });
    expect(dataOf(await app.gql(`{ tenantBranding(slug: "nobody") { name } }`)).tenantBranding).toBeNull();
    const audit = await app.database.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: "updateTenant", targetId: acme.tenant.id });
    expect(JSON.stringify(audit.after)).not.toContain(PNG.toString("base64"));
  });

  it("refuses a logo that is not a small PNG, and a colour that is not #rrggbb", async () => {
    const svg = dataUrl("image/svg+xml", Buffer.from("<svg onload='alert(1)'/>"));
    const disguised = dataUrl("image/png", Buffer.from("<svg onload='alert(1)'/>"));
    const huge = dataUrl("image/png", Buffer.concat([PNG, Buffer.alloc(210 * 1024)]));
    for (const logo of [svg, disguised, huge]) {
      const result = await app.gql(UPDATE, { id: acme.tenant.id, input: { logo } }, msp);
      expect(reasonOf(result)).toMatchObject({ code: "BAD_USER_INPUT" });
    }
    expect(errorCodes(await app.gql(UPDATE, { id: acme.tenant.id, input: { brandColor: "red" } }, msp))).toEqual([
      "BAD_USER_INPUT",
    ]);
  });
});
