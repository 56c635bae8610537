import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { usePortalE2e } from "../fixtures/e2e.js";

function directives(policy: string | null): Map<string, string> {
  const entries = (policy ?? "").split(";").map((part) => part.trim().split(/\s+/));
  return new Map(entries.filter((words) => words[0]).map(([name, ...values]) => [name, values.join(" ")]));
}

describe("portal: security headers and content security policy", () => {
  const { stack, browser, signedIn } = usePortalE2e();

  it("sends a strict, per-request nonce policy that every script on the page carries", async () => {
    const first = await fetch(`${stack.portalUrl}/signin`);
    const second = await fetch(`${stack.portalUrl}/signin`);
    const policy = directives(first.headers.get("content-security-policy"));
    const nonce = /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(policy.get("script-src") ?? "")?.[1];
    expect(nonce).toBeDefined();
    expect(policy.get("script-src")).toContain("'strict-dynamic'");
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
    expect(policy.get("script-src")).not.toContain("'unsafe-eval'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'none'");
    expect(second.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);

    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  });

  it("forbids framing and sniffing, and keeps the referrer to the origin, on pages and static files", async () => {
    const page = await fetch(`${stack.portalUrl}/signin`);
    const html = await page.text();
    const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const staticFile = await fetch(`${stack.portalUrl}${asset}`);
    for (const response of [page, staticFile]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    }
    // Served over plain http here: HSTS would be ignored by browsers and is not sent.
    expect(page.headers.get("strict-transport-security")).toBeNull();
  });

  it("signs in and renders the console without a single policy violation", async () => {
    const admin = await signedIn("/t/acme", "admin");
    await admin.page.getByRole("heading", { name: "Dashboard" }).waitFor();
    await admin.page.waitForFunction(
      () => document.querySelectorAll(".chart-box").length === document.querySelectorAll(".chart-box canvas").length,
    );
    expect(admin.errors.filter((error) => /Content Security Policy/i.test(error))).toEqual([]);
    await admin.close();
  });

  it("cannot be framed by another site (clickjacking)", async () => {
    const attacker = http.createServer((_request, response) => {
      response.setHeader("content-type", "text/html");
      // The API's health page may be framed: it shows that this page does frame what lets itself be framed.
      const control = stack.apiUrl.replace("/graphql", "/healthz");
      response.end(
        `<iframe src="${control}" onload="window.loaded = (window.loaded || 0) + 1"></iframe>` +
          `<iframe src="${stack.portalUrl}/signin" onload="window.loaded = (window.loaded || 0) + 1"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    const { port } = attacker.address() as AddressInfo;
    const visitor = await browser.newPage();
    try {
      await visitor.page.goto(`http://localhost:${port}/`);
      await visitor.page.waitForFunction(() => (window as { loaded?: number }).loaded === 2);
      const control = visitor.page.frames().find((frame) => frame.url().endsWith("/healthz"));
      await expect(control?.locator("body").textContent()).resolves.toContain("ok");
      const framed = visitor.page.frames().find((frame) => frame.url().startsWith(stack.portalUrl));
      // A refused frame shows the browser's error page (or nothing): no sign-in form of ours.
      expect(framed ? await framed.locator("form").count() : 0).toBe(0);
    } finally {
      await visitor.close();
      attacker.close();
    }
  });
});
