import type { BillingMonth } from "@/lib/billing-period";

/** A plain GET form: the month is in the URL, so every view of Billing is a link. */
export function MonthPicker({ period, keep = {} }: { period: BillingMonth; keep?: Record<string, string> }) {
  return (
    <form className="toolbar" method="get" aria-label="Billing month">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field">
        <label htmlFor="billing-month">Month</label>
        <input id="billing-month" type="month" name="month" defaultValue={period.month} required />
      </div>
      <button type="submit" className="btn">
        Show
      </button>
    </form>
  );
}
