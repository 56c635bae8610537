import type { AlertKind, SmtpTlsMode } from "@/generated/graphql";
import { enumOptions } from "@/lib/enums";

export const TLS_MODES = enumOptions<SmtpTlsMode>({
  STARTTLS: "STARTTLS (upgrade required, usually port 587)",
  TLS: "Implicit TLS (usually port 465)",
  NONE: "None (plain SMTP)",
});

/** conditionOf and the form's hints say which threshold fields each kind needs. */
export const ALERT_KINDS = enumOptions<AlertKind>({
  POOL_AVAILABLE_BELOW: "Few available desktops in a pool",
  POOL_PAUSED: "Pool paused",
  CLOUD_UNREACHABLE: "Cloud unreachable",
  QUOTA_ABOVE: "Quota use high",
  FAILED_LOGIN_SPIKE: "Failed sign-in spike",
  REPORT_DELIVERY_FAILED: "Report delivery failed",
});

/** "below 3 desktops", "above 80 %", "5 failures in 10 min": the threshold in the rule's own unit. */
export function conditionOf(rule: {
  kind: AlertKind;
  threshold?: number | null;
  windowMinutes?: number | null;
}): string {
  switch (rule.kind) {
    case "POOL_AVAILABLE_BELOW":
      return `below ${rule.threshold} desktops`;
    case "QUOTA_ABOVE":
      return `above ${rule.threshold} %`;
    case "FAILED_LOGIN_SPIKE":
      return `${rule.threshold} failures in ${rule.windowMinutes} min`;
    default:
      return "whenever it happens";
  }
}
