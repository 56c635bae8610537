/** A calendar month (UTC, as usage is metered) and the one before it, from the billing pages' `month=YYYY-MM`. */
export interface BillingMonth {
  /** `YYYY-MM`. */
  month: string;
  label: string;
  from: string;
  to: string;
  previous: { month: string; label: string; from: string; to: string };
  /** Days of the month, `YYYY-MM-DD`. */
  days: string[];
  /** The report download's days: the first and last day of the month, both included. */
  firstDay: string;
  lastDay: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const label = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

const monthOf = (date: Date) => date.toISOString().slice(0, 7);

/** The month asked for, or the current one when the parameter is missing or not a month. */
export function billingMonth(param: string | string[] | undefined, now = new Date()): BillingMonth {
  const match = typeof param === "string" ? MONTH.exec(param) : null;
  const year = match ? Number(match[1]) : now.getUTCFullYear();
  const index = match ? Number(match[2]) - 1 : now.getUTCMonth();
  const from = new Date(Date.UTC(year, index, 1));
  const to = new Date(Date.UTC(year, index + 1, 1));
  const previousFrom = new Date(Date.UTC(year, index - 1, 1));
  const days: string[] = [];
  for (let day = new Date(from); day < to; day.setUTCDate(day.getUTCDate() + 1)) {
    days.push(day.toISOString().slice(0, 10));
  }
  return {
    month: monthOf(from),
    label: label.format(from),
    from: from.toISOString(),
    to: to.toISOString(),
    previous: {
      month: monthOf(previousFrom),
      label: label.format(previousFrom),
      from: previousFrom.toISOString(),
      to: from.toISOString(),
    },
    days,
    firstDay: days[0]!,
    lastDay: days.at(-1)!,
  };
}
