import { describe, expect, it } from "vitest";
import { formatAmount, formatChange, formatQuantity, percentChange, sumDecimals } from "./decimal-format";

describe("decimal formatting", () => {
  it("rounds the exact decimal string once, for display", () => {
    expect(formatQuantity("1234.550000")).toBe("1,234.6");
    expect(formatAmount("4.149960", "EUR")).toBe("€4.15");
    expect(formatAmount("0.005000", "USD")).toBe("$0.01");
    expect(formatAmount(null, "EUR")).toBe("—");
  });

  it("compares a month with the one before", () => {
    expect(formatChange(percentChange("150", "100"))).toBe("+50%");
    expect(formatChange(percentChange("50", "100.000000"))).toBe("-50%");
    expect(formatChange(percentChange("50", "0.000000"))).toBe("new");
  });

  it("sums the API's decimals exactly", () => {
    expect(sumDecimals(Array.from({ length: 10 }, () => "0.100000"))).toBe("1.000000");
    expect(sumDecimals(["12.5", "0.000001"])).toBe("12.500001");
    expect(sumDecimals([])).toBe("0.000000");
  });
});
