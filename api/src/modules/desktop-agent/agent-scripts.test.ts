import { describe, expect, it } from "vitest";
import { renderAgentScript } from "./agent-scripts.js";

const token = `atd_${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}_${"A".repeat(43)}`;

describe("renderAgentScript", () => {
  it("fills broker URL and token into both templates", () => {
    for (const platform of ["linux", "windows"] as const) {
      const script = renderAgentScript(platform, { brokerUrl: "https://broker.example/", token });
      expect(script).toContain("https://broker.example'");
      expect(script).toContain(token);
      expect(script).not.toContain("{{");
    }
  });

  it("refuses values that could break out of the quoted strings", () => {
    expect(() => renderAgentScript("linux", { brokerUrl: "https://x/'; rm -rf /", token })).toThrow();
    expect(() => renderAgentScript("windows", { brokerUrl: "https://x", token: `${token}'` })).toThrow();
  });
});
