import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityWatch } from "../fixtures/accessibility-watch.js";
import { type Browser, launchBrowser } from "../fixtures/browser.js";

// The watch every e2e suite runs (issue 15): it must notice a violation on a page reached by a full load, on a
// client-side route change and in a state the test leaves a page in, and ignore pages that are not the product's.
const CLEAN = `<!doctype html><html lang="en"><head><title>Clean</title></head><body><main><h1>Clean</h1>
<button id="route" type="button">Next</button><button id="open" type="button">Open</button></main>
<script>
document.getElementById("route").onclick = () => {
  history.pushState({}, "", "/routed");
  document.querySelector("main").insertAdjacentHTML("beforeend", '<input id="routed-field">');
};
document.getElementById("open").onclick = () => {
  document.querySelector("main").insertAdjacentHTML("beforeend", '<p style="color:#bbb;background:#fff">faint</p>');
};
</script></body></html>`;
const UNLABELLED_IMAGE = `<!doctype html><html lang="en"><head><title>Bad</title></head><body><main>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10"></main></body></html>`;

describe("the e2e accessibility watch", () => {
  let browser: Browser;
  let server: http.Server;
  let base = "";
  let stranger = "";
  const watch = accessibilityWatch(() => [base]);

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      response.setHeader("content-type", "text/html");
      response.end(request.url === "/bad" ? UNLABELLED_IMAGE : CLEAN);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    // The same server under another origin: a page that is not the product's.
    stranger = `http://localhost:${port}`;
    browser = await launchBrowser(watch);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it("reports a violation on a loaded page, after a client-side route change and in the state a test leaves", async () => {
    const tracked = await browser.newPage();
    await tracked.page.goto(`${base}/bad`);
    await tracked.page.goto(`${base}/`);
    await tracked.page.getByRole("button", { name: "Next" }).click();
    await tracked.page.locator("#routed-field").waitFor();
    await tracked.page.getByRole("button", { name: "Open" }).click();
    const found = await watch.take();
    expect(found.find((line) => line.startsWith("/bad: image-alt (critical)"))).toBeDefined();
    expect(found.find((line) => line.startsWith("/routed: label (critical)"))).toBeDefined();
    expect(found.find((line) => line.startsWith("/routed: color-contrast (serious)"))).toBeDefined();
    // What was reported is forgotten: a clean page afterwards reports nothing.
    await tracked.page.goto(`${base}/`);
    expect(await watch.take()).toEqual([]);
    await tracked.close();
  }, 120_000);

  it("leaves pages of other origins alone", async () => {
    const tracked = await browser.newPage();
    await tracked.page.goto(`${stranger}/bad`);
    expect(await watch.take()).toEqual([]);
    await tracked.close();
  }, 60_000);
});
