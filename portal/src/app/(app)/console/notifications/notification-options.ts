export const TLS_MODES = [
  { value: "STARTTLS", label: "STARTTLS (upgrade required, usually port 587)" },
  { value: "TLS", label: "Implicit TLS (usually port 465)" },
  { value: "NONE", label: "None (plain SMTP)" },
];

/** The API's AlertKind values; conditionOf and the form's hints say which threshold fields each one needs. */
export const ALERT_KINDS = [
  { value: "POOL_AVAILABLE_BELOW", label: "Few available desktops in a pool" },
  { value: "POOL_PAUSED", label: "Pool paused" },
  { value: "CLOUD_UNREACHABLE", label: "Cloud unreachable" },
  { value: "QUOTA_ABOVE", label: "Quota use high" },
  { value: "FAILED_LOGIN_SPIKE", label: "Failed sign-in spike" },
  { value: "REPORT_DELIVERY_FAILED", label: "Report delivery failed" },
];

/** "below 3 desktops", "above 80 %", "5 failures in 10 min": the threshold in the rule's own unit. */
export function conditionOf(rule: { kind: string; threshold?: number | null; windowMinutes?: number | null }): string {
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
