import type { UserDataKind } from "@atrium/schema";
import { renderAgentScript } from "../desktop-agent/index.js";

export interface DomainJoinSecret {
  domain: string;
  ou: string | null;
  username: string;
  password: string;
}

/** The broker's desktop agent: where it reports and the desktop's own token (issued for this create only). */
export interface AgentInstall {
  brokerUrl: string;
  token: string;
}

export interface UserDataInput {
  kind: UserDataKind;
  hostname: string;
  domainJoin: DomainJoinSecret | null;
  agent: AgentInstall | null;
  /** Admin-supplied text appended (cloud-init: merged as extra YAML lines; cloudbase-init: extra PowerShell). */
  extra: string | null;
}

/**
 * Guest first-boot configuration: hostname = desktop name, the broker's desktop agent and, when configured, the AD
 * join with an OU. cloud-init (Linux) joins with realmd/adcli; cloudbase-init (Windows) runs a PowerShell
 * `#ps1_sysnative` script. The join password and the agent token travel only inside user_data (which Nova keeps
 * admin-only), never in metadata or logs; on the guest the agent script is readable by root/SYSTEM only.
 */
export function renderUserData(input: UserDataInput): string | undefined {
  if (input.kind === "cloud-init") return cloudInit(input);
  if (input.kind === "cloudbase-init") return cloudbaseInit(input);
  return undefined;
}

function cloudInit(input: UserDataInput): string {
  const lines = ["#cloud-config", `hostname: ${input.hostname}`, "preserve_hostname: false"];
  const packages: string[] = [];
  const commands: string[] = [];
  const join = input.domainJoin;
  if (join) {
    lines.push(`fqdn: ${input.hostname}.${join.domain.toLowerCase()}`);
    packages.push("realmd", "sssd", "adcli", "samba-common-bin");
    const ou = join.ou ? ` --computer-ou=${shellQuote(join.ou)}` : "";
    commands.push(
      `printf '%s' ${shellQuote(join.password)} | realm join --user=${shellQuote(join.username)}${ou} ${shellQuote(join.domain)}`,
    );
  }
  if (input.agent) {
    packages.push("curl");
    lines.push("write_files:", ...linuxAgentFiles(input.agent));
    commands.push(...LINUX_AGENT_COMMANDS);
  }
  if (packages.length > 0) lines.push(`packages: [${packages.join(", ")}]`);
  if (commands.length > 0) lines.push("runcmd:", ...commands.map((command) => `  - ${yamlQuote(command)}`));
  if (input.extra) lines.push(input.extra.trimEnd());
  return `${lines.join("\n")}\n`;
}

const AGENT_PATH = "/usr/local/bin/atrium-agent";

/** The agent (base64: no YAML quoting of a shell script), a boot report and a heartbeat every five minutes. */
function linuxAgentFiles(agent: AgentInstall): string[] {
  const script = Buffer.from(renderAgentScript("linux", agent)).toString("base64");
  const unit = (name: string, body: string[]) => [
    `  - path: /etc/systemd/system/${name}`,
    "    content: |",
    ...body.map((line) => `      ${line}`),
  ];
  return [
    `  - path: ${AGENT_PATH}`,
    '    permissions: "0700"',
    "    encoding: b64",
    `    content: ${script}`,
    ...unit("atrium-agent-boot.service", [
      "[Unit]",
      "Description=Atrium desktop agent: report boot",
      "Wants=network-online.target",
      "After=network-online.target",
      "[Service]",
      "Type=oneshot",
      `ExecStart=${AGENT_PATH} boot`,
      "[Install]",
      "WantedBy=multi-user.target",
    ]),
    ...unit("atrium-agent-heartbeat.service", [
      "[Unit]",
      "Description=Atrium desktop agent: heartbeat",
      "[Service]",
      "Type=oneshot",
      `ExecStart=${AGENT_PATH} heartbeat`,
    ]),
    ...unit("atrium-agent-heartbeat.timer", [
      "[Unit]",
      "Description=Atrium desktop agent: heartbeat every five minutes",
      "[Timer]",
      "OnBootSec=1min",
      "OnUnitActiveSec=5min",
      "[Install]",
      "WantedBy=timers.target",
    ]),
  ];
}

/** Logins and logouts come from PAM (pam_exec sets PAM_TYPE and PAM_USER for every session, SSH and desktop). */
const LINUX_AGENT_COMMANDS = [
  "systemctl daemon-reload",
  "systemctl enable --now atrium-agent-boot.service atrium-agent-heartbeat.timer",
  `grep -q atrium-agent /etc/pam.d/common-session || echo 'session optional pam_exec.so quiet ${AGENT_PATH}' >> /etc/pam.d/common-session`,
];

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
  // Before the join or rename: both restart the machine, which ends the script.
  if (input.agent) lines.splice(2, 0, ...windowsAgentInstall(input.agent));
  if (input.extra) lines.splice(2, 0, input.extra.trimEnd());
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * Writes the agent where only SYSTEM and administrators can read it (it holds the token) and registers it as
 * SYSTEM tasks: at start-up, at logon, on lock, unlock and remote disconnect, and every five minutes. Running as
 * SYSTEM, it names the session's user from the owner of explorer.exe.
 */
function windowsAgentInstall(agent: AgentInstall): string[] {
  const script = Buffer.from(renderAgentScript("windows", agent)).toString("base64");
  return [
    "$agentDir = Join-Path $env:ProgramData 'Atrium'",
    "New-Item -ItemType Directory -Force -Path $agentDir | Out-Null",
    "icacls $agentDir /inheritance:r /grant:r 'SYSTEM:(OI)(CI)F' 'Administrators:(OI)(CI)F' | Out-Null",
    // The agent logs failed reports to the Application log under this source.
    "New-EventLog -LogName Application -Source 'Atrium' -ErrorAction SilentlyContinue",
    "$agent = Join-Path $agentDir 'atrium-agent.ps1'",
    `[IO.File]::WriteAllBytes($agent, [Convert]::FromBase64String('${script}'))`,
    "$sessionUser = '(Get-Process explorer -IncludeUserName -ErrorAction SilentlyContinue | Select-Object -First 1).UserName'",
    "function Register-AtriumAgent([string]$AgentEvent, $Trigger) {",
    `  $arguments = "-NoProfile -ExecutionPolicy Bypass -Command & '$agent' -Event $AgentEvent -UserName $sessionUser"`,
    "  $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument $arguments",
    "  $principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest",
    '  Register-ScheduledTask -TaskName "Atrium agent $AgentEvent" -Action $action -Trigger $Trigger -Principal $principal -Force | Out-Null',
    "}",
    "Register-AtriumAgent 'boot' (New-ScheduledTaskTrigger -AtStartup)",
    "Register-AtriumAgent 'login' (New-ScheduledTaskTrigger -AtLogOn)",
    "Register-AtriumAgent 'heartbeat' (New-ScheduledTaskTrigger -Once -At (Get-Date) -RepetitionInterval (New-TimeSpan -Minutes 5))",
    "$stateChange = Get-CimClass -Namespace 'Root/Microsoft/Windows/TaskScheduler' -ClassName 'MSFT_TaskSessionStateChangeTrigger'",
    // TASK_SESSION_STATE_CHANGE_TYPE: 4 remote disconnect, 7 session lock, 8 session unlock.
    "foreach ($change in @(@('disconnect', 4), @('lock', 7), @('unlock', 8))) {",
    "  Register-AtriumAgent $change[0] (New-CimInstance -CimClass $stateChange -ClientOnly -Property @{ StateChange = $change[1] })",
    "}",
  ];
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
