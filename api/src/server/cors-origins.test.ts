import { describe, expect, it } from "vitest";
import { corsOriginCheck } from "./cors-origins.js";

describe("CORS origins", () => {
  it("allows only the portal as npm start serves it by default", () => {
    const allowed = corsOriginCheck({ API_CORS_ORIGINS: undefined, HOST: "127.0.0.1", PORTAL_PORT: 3000 });
    expect(allowed("http://127.0.0.1:3000")).toBe(true);
    expect(allowed("http://127.0.0.1:3001")).toBe(false);
    expect(allowed("https://127.0.0.1:3000")).toBe(false);
    expect(allowed(undefined)).toBe(false);
    expect(allowed("null")).toBe(false);
  });

  it("matches one subdomain label under a wildcard, never a look-alike suffix", () => {
    const allowed = corsOriginCheck({
      API_CORS_ORIGINS: "https://portal.example.com, https://*.desktops.example.com",
      HOST: "127.0.0.1",
      PORTAL_PORT: 3000,
    });
    expect(allowed("https://portal.example.com")).toBe(true);
    expect(allowed("https://ACME.desktops.example.com")).toBe(true);
    expect(allowed("https://desktops.example.com")).toBe(false);
    expect(allowed("https://a.b.desktops.example.com")).toBe(false);
    expect(allowed("https://evildesktops.example.com")).toBe(false);
    expect(allowed("https://acme.desktops.example.com.evil.test")).toBe(false);
    expect(allowed("http://acme.desktops.example.com")).toBe(false);
  });

  it("refuses a setting that is not a list of origins", () => {
    expect(() =>
      corsOriginCheck({ API_CORS_ORIGINS: "https://portal.example.com/path", HOST: "h", PORTAL_PORT: 1 }),
    ).toThrow(/API_CORS_ORIGINS/);
  });
});
