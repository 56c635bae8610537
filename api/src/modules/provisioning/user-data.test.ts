import { describe, expect, it } from "vitest";
import { renderUserData } from "./user-data.js";

const join = { domain: "corp.example", ou: "OU=VDI,DC=corp,DC=example", username: "svc-join", password: "p'w\"d" };
const agent = {
  brokerUrl: "https://broker.example",
  token: `atd_${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}_${"A".repeat(43)}`,
};

/** The base64 payloads of a user-data text, decoded. */
function decodedPayloads(text: string): string[] {
  const matches = [...text.matchAll(/(?:content: |FromBase64String\(')([A-Za-z0-9+/=]{200,})/g)];
  return matches.map((match) => Buffer.from(match[1]!, "base64").toString("utf8"));
}

describe("user data", () => {
  it("is absent for pools without a guest agent", () => {
    expect(renderUserData({ kind: "none", hostname: "d1", domainJoin: join, agent, extra: null })).toBeUndefined();
  });

  it("cloud-init sets the hostname and joins the domain into the OU with quoted credentials", () => {
    const text = renderUserData({
      kind: "cloud-init",
      hostname: "acme-001",
      domainJoin: join,
      agent: null,
      extra: "timezone: UTC",
    })!;
    expect(text.startsWith("#cloud-config\nhostname: acme-001\n")).toBe(true);
    expect(text).toContain("fqdn: acme-001.corp.example");
    expect(text).toContain("packages: [realmd, sssd, adcli, samba-common-bin]");
    expect(text).toContain("--computer-ou='OU=VDI,DC=corp,DC=example'");
    expect(text).toContain(`printf '%s' 'p'\\\\''w\\"d'`);
    expect(text.trimEnd().endsWith("timezone: UTC")).toBe(true);
  });

  it("cloud-init installs the desktop agent root-only with its token, boot and heartbeat units and the PAM hook", () => {
    const text = renderUserData({ kind: "cloud-init", hostname: "acme-001", domainJoin: join, agent, extra: null })!;
    expect(text).toContain("packages: [realmd, sssd, adcli, samba-common-bin, curl]");
    expect(text).toMatch(/- path: \/usr\/local\/bin\/atrium-agent\n {4}permissions: "0700"\n {4}encoding: b64/);
    const [script] = decodedPayloads(text);
    expect(script).toContain(`AGENT_TOKEN='${agent.token}'`);
    expect(script).toContain("BROKER_URL='https://broker.example'");
    expect(text).not.toContain(agent.token);
    // One runcmd list: the join and the agent's activation.
    expect(text.match(/^runcmd:/gm)).toHaveLength(1);
    expect(text).toContain('  - "systemctl enable --now atrium-agent-boot.service atrium-agent-heartbeat.timer"');
    expect(text).toContain("pam_exec.so quiet /usr/local/bin/atrium-agent");
    expect(text).toContain("ExecStart=/usr/local/bin/atrium-agent boot");
  });

  it("cloudbase-init renames and joins in one PowerShell step with the OU path", () => {
    const text = renderUserData({
      kind: "cloudbase-init",
      hostname: "ACME-001",
      domainJoin: join,
      agent: null,
      extra: null,
    })!;
    expect(text.startsWith("#ps1_sysnative\r\n")).toBe(true);
    expect(text).toContain("Add-Computer -DomainName 'corp.example' -NewName 'ACME-001'");
    expect(text).toContain("-OUPath 'OU=VDI,DC=corp,DC=example'");
    expect(text).toContain("ConvertTo-SecureString 'p''w\"d'");
    const plain = renderUserData({
      kind: "cloudbase-init",
      hostname: "ACME-002",
      domainJoin: null,
      agent: null,
      extra: null,
    })!;
    expect(plain).toContain("Rename-Computer -NewName 'ACME-002'");
  });

  it("cloudbase-init installs the agent as SYSTEM tasks before the restart that joins the domain", () => {
    const text = renderUserData({
      kind: "cloudbase-init",
      hostname: "ACME-001",
      domainJoin: join,
      agent,
      extra: "# x",
    })!;
    const [script] = decodedPayloads(text);
    expect(script).toContain(`$AgentToken = '${agent.token}'`);
    expect(script).toContain("$BrokerUrl = 'https://broker.example'");
    const lines = text.split("\r\n");
    const install = lines.findIndex((line) => line.includes("FromBase64String"));
    expect(lines[2]).toBe("# x");
    expect(install).toBeGreaterThan(2);
    expect(install).toBeLessThan(lines.findIndex((line) => line.startsWith("Add-Computer")));
    expect(text).toContain("/inheritance:r /grant:r 'SYSTEM:(OI)(CI)F' 'Administrators:(OI)(CI)F'");
    for (const event of ["boot", "login", "heartbeat"]) expect(text).toContain(`Register-AtriumAgent '${event}'`);
  });

  it("refuses a broker URL that could break out of the agent's quoted strings", () => {
    const bad = { ...agent, brokerUrl: "https://x/'; rm -rf /" };
    expect(() =>
      renderUserData({ kind: "cloud-init", hostname: "d1", domainJoin: null, agent: bad, extra: null }),
    ).toThrow();
  });
});
