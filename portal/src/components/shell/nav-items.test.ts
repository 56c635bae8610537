import { describe, expect, it } from "vitest";
import { navFor } from "./nav-items";

const MSP_ADMIN = [
  "tenants:read",
  "clouds:read",
  "mspStaff:read",
  "mspApiKeys:write",
  "mspAudit:read",
  "reports:read",
  "notifications:write",
  "identity:read",
];
const IN_TENANT = [...MSP_ADMIN, "tenant:read", "audit:read", "apiKeys:read", "users:read"];

const links = (sections: ReturnType<typeof navFor>) =>
  sections.flatMap((section) => section.items.map((item) => `${section.title}: ${item.label} ${item.href}`));

describe("navigation", () => {
  it("puts the MSP's own reports, notifications and staff sign-in under the MSP section outside any tenant", () => {
    const nav = links(navFor({ permissions: MSP_ADMIN, isTenantMember: false, inTenant: false }));
    expect(nav).toEqual(
      expect.arrayContaining([
        "MSP: Reports /msp/reports",
        "MSP: Notifications /msp/notifications",
        "MSP: Staff sign-in /msp/identity-providers",
        "MSP: MSP staff /msp/staff",
      ]),
    );
    expect(nav.filter((link) => link.startsWith("Tenant console") || link.startsWith("Access"))).toEqual([]);
  });

  it("shows each label once inside a tenant: the tenant's audit log and API keys, not the MSP's as well", () => {
    const nav = links(navFor({ permissions: IN_TENANT, isTenantMember: false, inTenant: true }));
    const labels = nav.map((link) => link.split(": ")[1]?.replace(/ \/.*$/, ""));
    expect(labels.filter((label) => label === "Audit log")).toHaveLength(1);
    expect(labels.filter((label) => label === "API keys")).toHaveLength(1);
    expect(labels.filter((label) => label === "Reports")).toHaveLength(1);
    expect(nav).toContain("Tenant console: Audit log /console/audit");
  });
});
