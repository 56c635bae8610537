import type { UserDataKind } from "@atrium/schema";

export interface DomainJoinSecret {
  domain: string;
  ou: string | null;
  username: string;
  password: string;
}

export interface UserDataInput {
  kind: UserDataKind;
  hostname: string;
  domainJoin: DomainJoinSecret | null;
  /** Admin-supplied text appended (cloud-init: merged as extra YAML lines; cloudbase-init: extra PowerShell). */
  extra: string | null;
}

/**
 * Guest first-boot configuration: hostname = desktop name and, when configured, the AD join with an OU.
 * cloud-init (Linux) joins with realmd/adcli; cloudbase-init (Windows) runs a PowerShell `#ps1_sysnative` script.
 * The join password travels only inside user_data (which Nova keeps admin-only), never in metadata or logs.
 */
export function renderUserData(input: UserDataInput): string | undefined {
  if (input.kind === "cloud-init") return cloudInit(input);
  if (input.kind === "cloudbase-init") return cloudbaseInit(input);
  return undefined;
}

function cloudInit(input: UserDataInput): string {
  const lines = ["#cloud-config", `hostname: ${input.hostname}`, "preserve_hostname: false"];
  const join = input.domainJoin;
  if (join) {
    lines.push(
      `fqdn: ${input.hostname}.${join.domain.toLowerCase()}`,
      "packages: [realmd, sssd, adcli, samba-common-bin]",
    );
    const ou = join.ou ? ` --computer-ou=${shellQuote(join.ou)}` : "";
    const command = `printf '%s' ${shellQuote(join.password)} | realm join --user=${shellQuote(join.username)}${ou} ${shellQuote(join.domain)}`;
    lines.push("runcmd:", `  - ${yamlQuote(command)}`);
  }
  if (input.extra) lines.push(input.extra.trimEnd());
  return `${lines.join("\n")}\n`;
}

function cloudbaseInit(input: UserDataInput): string {
  const lines = ["#ps1_sysnative", '$ErrorActionPreference = "Stop"'];
  const join = input.domainJoin;
  if (join) {
    lines.push(
      `$password = ConvertTo-SecureString ${psQuote(join.password)} -AsPlainText -Force`,
      `$credential = New-Object System.Management.Automation.PSCredential(${psQuote(`${join.domain}\\${join.username}`)}, $password)`,
      // Rename and join in one reboot; -NewName keeps hostname = desktop name.
      `Add-Computer -DomainName ${psQuote(join.domain)} -NewName ${psQuote(input.hostname)} -Credential $credential${
        join.ou ? ` -OUPath ${psQuote(join.ou)}` : ""
      } -Force -Restart`,
    );
  } else {
    lines.push(`Rename-Computer -NewName ${psQuote(input.hostname)} -Force -Restart`);
  }
  if (input.extra) lines.splice(2, 0, input.extra.trimEnd());
  return `${lines.join("\r\n")}\r\n`;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function yamlQuote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function psQuote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
