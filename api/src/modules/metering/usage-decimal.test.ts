import { describe, expect, it } from "vitest";
import { multiplyDecimals, normalizeDecimal, ratioToDecimal, sumDecimals } from "./usage-decimal.js";

describe("usage decimals", () => {
  it("turns milliseconds into hours with six places, rounding half up", () => {
    expect(ratioToDecimal(3_600_000n, 3_600_000n)).toBe("1.000000");
    expect(ratioToDecimal(1_000n, 3_600_000n)).toBe("0.000278");
    expect(ratioToDecimal(0n, 3_600_000n)).toBe("0.000000");
    expect(ratioToDecimal(1_800_000n * 4096n, 3_600_000n * 1024n)).toBe("2.000000");
  });

  it("sums exactly where floats would not", () => {
    expect(sumDecimals(Array.from({ length: 10 }, () => "0.100000"))).toBe("1.000000");
    expect(sumDecimals(["0.1", 2, "3.25"])).toBe("5.350000");
    expect(normalizeDecimal("12.5")).toBe("12.500000");
    expect(normalizeDecimal(null)).toBe("0.000000");
  });

  it("multiplies a quantity by a unit price exactly, rounding the sixth place half up", () => {
    expect(multiplyDecimals("168.000000", "0.120000")).toBe("20.160000");
    expect(multiplyDecimals("0.000278", "0.5")).toBe("0.000139");
    expect(multiplyDecimals("0.000001", "0.5")).toBe("0.000001");
    expect(multiplyDecimals("0.000001", "0.4")).toBe("0.000000");
    expect(multiplyDecimals("3.3", "3")).toBe("9.900000");
  });
});
