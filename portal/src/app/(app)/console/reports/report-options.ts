export const DOWNLOADS = [
  { value: "login-history", label: "Sign-in history" },
  { value: "assignment-history", label: "Desktop assignments" },
  { value: "broker-metrics", label: "Broker metrics (logins, connections, utilisation)" },
];

export const KINDS = [
  { value: "USAGE", label: "Usage (desktop and resource hours)" },
  { value: "LOGIN_HISTORY", label: "Sign-in history" },
  { value: "ASSIGNMENT_HISTORY", label: "Desktop assignments" },
  { value: "BROKER_METRICS", label: "Broker metrics" },
];

export const PERIODS = [
  { value: "DAILY", label: "Daily (previous day)" },
  { value: "WEEKLY", label: "Weekly (previous Monday–Sunday)" },
  { value: "MONTHLY", label: "Monthly (previous month)" },
];

export const labelOf = (options: { value: string; label: string }[], value: string) =>
  options.find((option) => option.value === value)?.label ?? value;
