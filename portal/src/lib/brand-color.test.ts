import { describe, expect, it } from "vitest";
import { readableAccent } from "./brand-color";

describe("readableAccent", () => {
  it("keeps a brand colour white text already reads on", () => {
    expect(readableAccent("#2563eb")).toBe("#2563eb");
  });

  it("darkens a light brand colour until white text on it meets 4.5:1", () => {
    // Globex's green: white on it was 3.8:1, which axe's color-contrast refused on its primary buttons.
    expect(readableAccent("#059669")).toBe("#05875f");
    expect(readableAccent("#ffff00")).toMatch(/^#[0-9a-f]{6}$/);
    expect(readableAccent("#ffffff")).not.toBe("#ffffff");
  });
});
