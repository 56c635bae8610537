import { ensurePackages } from "@atrium/api/testing/test-services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser } from "../fixtures/browser.js";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";
import { createGatewayWorld, DESKTOP, type GatewayWorld, leaseDesktop, startTestGateway } from "./gateway.harness.js";

/**
 * Runs in the page: true once the canvas shows the test desktop's framebuffer, a black root window with the white
 * xterm that desktop.sh opens at +40+40 (about 600x390 pixels), at full width.
 */
function xtermOnBlack(selector: string): boolean {
  const element = document.querySelector(selector) as HTMLCanvasElement | null;
  if (element?.width !== 1280) return false;
  const context = element.getContext("2d")!;
  const pixel = (x: number, y: number) => [...context.getImageData(x, y, 1, 1).data.slice(0, 3)].join(",");
  return pixel(300, 300) === "255,255,255" && pixel(1000, 700) === "0,0,0";
}

/** The browser reaches the gateway directly from loopback, so tickets are issued to 127.0.0.1. */
const BROWSER_IP = "127.0.0.1";

describe("gateway viewer page in Chromium", () => {
  let app: TestApp;
  let world: GatewayWorld;
  let gateway: Awaited<ReturnType<typeof startTestGateway>>;
  let desktop: { release(): Promise<void> };
  let browser: Browser;

  beforeAll(() => ensurePackages("portal"));
  beforeAll(async () => {
    [desktop, app, browser] = await Promise.all([leaseDesktop(), startTestApp(), launchBrowser()]);
    world = await createGatewayWorld(app);
    gateway = await startTestGateway(app);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await app?.close();
    await desktop?.release();
  });

  const viewerUrl = (protocol: string, ticket: string) =>
    `${gateway.url}/viewer#protocol=${protocol}&ticket=${encodeURIComponent(ticket)}&title=Linux%20desktop`;

  it("renders the VNC desktop with noVNC after the desktop password is entered", async () => {
    const tracked = await browser.newPage();
    const { page } = tracked;
    try {
      await page.goto(viewerUrl("vnc", await world.ticket("VNC", BROWSER_IP)));
      // The ticket is taken out of the address bar at once.
      expect(page.url()).toBe(`${gateway.url}/viewer`);
      await page.locator("#password").fill(DESKTOP.vncPassword);
      await page.locator("#credentials button[type=submit]").click();
      await page.locator("body[data-state=connected]").waitFor();
      const canvas = page.locator("#screen canvas");
      await canvas.waitFor();
      await page.waitForFunction(xtermOnBlack, "#screen canvas");
      const size = await canvas.evaluate((element: HTMLCanvasElement) => [element.width, element.height]);
      expect(size).toEqual([1280, 800]);
      await tracked.screenshot("gateway-viewer-vnc");
      expect(await page.locator("#title").textContent()).not.toBe("");
      expect(tracked.errors).toEqual([]);
    } finally {
      await tracked.close();
    }
  });

  it("draws the xrdp desktop with IronRDP over RDCleanPath, signed in with credentials typed in the viewer", async () => {
    const tracked = await browser.newPage();
    const { page } = tracked;
    try {
      const wasm = page.waitForResponse((response) => response.url().endsWith("/vendor/ironrdp/rdp_client_bg.wasm"));
      await page.goto(viewerUrl("rdp", await world.ticket("RDP", BROWSER_IP)));
      expect((await wasm).headers()["content-type"]).toBe("application/wasm");
      await page.locator("#username").fill("atrium");
      await page.locator("#password").fill(DESKTOP.rdpPassword);
      await page.locator("#credentials button[type=submit]").click();
      await page.locator("body[data-state=connected]").waitFor();
      // IronRDP does not ask for auto-logon, so xrdp shows its own sign-in window (user name filled in from the
      // viewer) on its teal background; the password is typed there, through the RDP keyboard path.
      const canvas = page.locator("#screen canvas.rdp");
      await page.waitForFunction(() => {
        const element = document.querySelector("#screen canvas.rdp") as HTMLCanvasElement;
        const pixel = (x: number, y: number) =>
          [...element.getContext("2d")!.getImageData(x, y, 1, 1).data.slice(0, 3)].join(",");
        return pixel(100, 100) === "0,156,181" && pixel(640, 500) !== "0,156,181";
      });
      await canvas.click({ position: { x: 690, y: 425 } });
      for (const character of DESKTOP.rdpPassword) {
        await page.keyboard.press(/[A-Z]/.test(character) ? `Shift+Key${character}` : character);
      }
      await page.keyboard.press("Enter");
      // xrdp bridges to the same X desktop as VNC: the white xterm window on the black root window.
      await page.waitForFunction(xtermOnBlack, "#screen canvas.rdp");
      await tracked.screenshot("gateway-viewer-rdp");
      expect(await page.locator("#password").inputValue()).toBe("");
      expect(tracked.errors).toEqual([]);
    } finally {
      await tracked.close();
    }
  });

  it("shows the gateway's reason when it refuses an RDP ticket", async () => {
    const tracked = await browser.newPage();
    const { page } = tracked;
    try {
      await page.goto(viewerUrl("rdp", await world.ticket("RDP", "198.51.100.21")));
      await page.locator("#username").fill("atrium");
      await page.locator("#password").fill("not-used");
      await page.locator("#credentials button[type=submit]").click();
      await page.locator("body[data-state=refused]").waitFor();
      expect(await page.locator("#notice-text").textContent()).toBe(
        "The connection ticket was issued to another client address",
      );
      expect(await page.locator("body").getAttribute("data-close-code")).toBe("4404");
    } finally {
      await tracked.close();
    }
  });

  it("runs a shell in xterm.js over the SSH tunnel", async () => {
    const tracked = await browser.newPage();
    const { page } = tracked;
    try {
      await page.goto(viewerUrl("ssh", await world.ticket("SSH", BROWSER_IP)));
      await page.locator("body[data-state=connected]").waitFor();
      await page.locator(".xterm-helper-textarea").focus();
      await page.keyboard.type("echo viewer-$((2+3))\n");
      await page.locator(".xterm-rows", { hasText: "viewer-5" }).waitFor();
      await tracked.screenshot("gateway-viewer-ssh");
      expect(tracked.errors).toEqual([]);
    } finally {
      await tracked.close();
    }
  });

  it("tells the user why a tunnel was refused", async () => {
    const tracked = await browser.newPage();
    const { page } = tracked;
    try {
      const ticket = await world.ticket("VNC", "198.51.100.20");
      await page.goto(viewerUrl("vnc", ticket));
      await page.locator("body[data-state=refused]").waitFor();
      await expect(page.locator("#notice-text").textContent()).resolves.toBe(
        "The connection ticket was issued to another client address",
      );
      expect(await page.locator("body").getAttribute("data-close-code")).toBe("4404");
      await tracked.screenshot("gateway-viewer-refused");
    } finally {
      await tracked.close();
    }
  });
});
