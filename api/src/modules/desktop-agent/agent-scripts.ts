/**
 * Reference desktop agents, as templates the provisioning controller embeds in user-data (cloud-init write_files /
 * cloudbase-init). They report session events to `POST {brokerUrl}/agent/v1/events` with the desktop's own token
 * and obey a "logout" answer (rogue login under a logout policy) and the helpdesk's commands (sign the user out,
 * disconnect, show a message). Placeholders: {{BROKER_URL}}, {{AGENT_TOKEN}}.
 */
export const LINUX_AGENT_TEMPLATE = `#!/bin/sh
# Atrium desktop agent (Linux). Installed by cloud-init; runs from systemd and PAM (pam_exec).
# Usage: atrium-agent <boot|login|logout|lock|unlock|disconnect|idle|heartbeat> [username]
set -eu
BROKER_URL='{{BROKER_URL}}'
AGENT_TOKEN='{{AGENT_TOKEN}}'
EVENT="\${1:-heartbeat}"
USER_NAME="\${2:-\${PAM_USER:-}}"
case "$EVENT" in boot|login|logout|lock|unlock|disconnect|idle|heartbeat) ;; *) echo "unknown event" >&2; exit 2;; esac
# pam_exec: "open_session" is a login, "close_session" a logout.
if [ "\${PAM_TYPE:-}" = "open_session" ]; then EVENT=login; elif [ "\${PAM_TYPE:-}" = "close_session" ]; then EVENT=logout; fi
BODY=$(printf '{"event":"%s"' "$EVENT")
if [ -n "$USER_NAME" ]; then
  SAFE_USER=$(printf '%s' "$USER_NAME" | tr -cd 'A-Za-z0-9._@\\\\-')
  BODY=$(printf '%s,"username":"%s"' "$BODY" "$SAFE_USER")
fi
BODY="$BODY}"
REPLY=$(curl -fsS --max-time 10 -H "Authorization: Bearer $AGENT_TOKEN" -H 'Content-Type: application/json' \\
  -d "$BODY" "$BROKER_URL/agent/v1/events" || true)
case "$REPLY" in
  *'"action":"logout"'*|*'"kind":"logout"'*) [ -n "$USER_NAME" ] && loginctl terminate-user "$USER_NAME" || true ;;
esac
# The helpdesk's messages reach every terminal of the desktop (the text goes through stdin, never the shell).
if command -v jq >/dev/null 2>&1; then
  printf '%s' "$REPLY" | jq -r '.commands[]? | select(.kind == "message") | .text' | while IFS= read -r LINE; do
    printf 'Message from your helpdesk: %s\n' "$LINE" | wall || true
  done
fi
`;

export const WINDOWS_AGENT_TEMPLATE = `# Atrium desktop agent (Windows). Installed by cloudbase-init; registered as scheduled tasks on
# logon, session lock/unlock, disconnect and every 5 minutes (heartbeat).
param([ValidateSet('boot','login','logout','lock','unlock','disconnect','idle','heartbeat')][string]$Event = 'heartbeat',
      [string]$UserName = "$env:USERDOMAIN\\$env:USERNAME")
$ErrorActionPreference = 'Stop'
$BrokerUrl = '{{BROKER_URL}}'
$AgentToken = '{{AGENT_TOKEN}}'
$Body = @{ event = $Event }
if ($Event -ne 'boot' -and $Event -ne 'heartbeat') { $Body.username = $UserName }
try {
  $Reply = Invoke-RestMethod -Method Post -Uri "$BrokerUrl/agent/v1/events" -TimeoutSec 10 \`
    -Headers @{ Authorization = "Bearer $AgentToken" } -ContentType 'application/json' \`
    -Body ($Body | ConvertTo-Json -Compress)
  if ($Reply.action -eq 'logout') { logoff }
  foreach ($Command in @($Reply.commands)) {
    switch ($Command.kind) {
      'message' { msg * "Message from your helpdesk: $($Command.text)" }
      'disconnect' { tsdiscon }
      'logout' { logoff }
    }
  }
} catch {
  Write-EventLog -LogName Application -Source 'Atrium' -EventId 1 -EntryType Warning -Message $_.Exception.Message
}
`;

export type AgentPlatform = "linux" | "windows";

/**
 * Fills a template. Both values are checked against strict patterns first: they end up inside quoted shell and
 * PowerShell strings, so a quote or newline would be code injection into every desktop.
 */
export function renderAgentScript(platform: AgentPlatform, values: { brokerUrl: string; token: string }): string {
  if (!/^https?:\/\/[A-Za-z0-9.:[\]-]+(\/[A-Za-z0-9._~/-]*)?$/.test(values.brokerUrl)) {
    throw new Error("broker URL must be a plain http(s) URL");
  }
  if (!/^atd_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$/.test(values.token)) throw new Error("not a desktop agent token");
  const template = platform === "windows" ? WINDOWS_AGENT_TEMPLATE : LINUX_AGENT_TEMPLATE;
  return template
    .replaceAll("{{BROKER_URL}}", values.brokerUrl.replace(/\/+$/, ""))
    .replaceAll("{{AGENT_TOKEN}}", values.token);
}
