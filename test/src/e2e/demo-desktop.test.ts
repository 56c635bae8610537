import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshotDir } from "../fixtures/browser.js";
import { usePortalE2e } from "../fixtures/e2e.js";

/**
 * Runs in the viewer: true once noVNC's canvas holds the demo desktop's framebuffer (1280×800, the dark top bar and
 * the blue desktop background of demo-desktop-scene.ts).
 */
function demoDesktopShown(): boolean {
  const element = document.querySelector("#screen canvas") as HTMLCanvasElement | null;
  if (element?.width !== 1280) return false;
  const context = element.getContext("2d")!;
  const pixel = (x: number, y: number) => [...context.getImageData(x, y, 1, 1).data.slice(0, 3)].join(",");
  return pixel(5, 5) === "15,23,42" && pixel(5, 100) === "30,58,95";
}

/** Runs in the viewer: true once the first typed capital's left stroke shows in the demo desktop's input box. */
function typedTextShown(): boolean {
  const element = document.querySelector("#screen canvas") as HTMLCanvasElement;
  const data = element.getContext("2d")!.getImageData(253, 421, 1, 1).data;
  return [...data.slice(0, 3)].join(",") === "15,23,42";
}

/** Waits until the launcher offers a desktop: the demo pool's first desktops are still being built at start. */
async function openLauncher(page: Page, portalUrl: string) {
  for (let attempt = 0; attempt < 90; attempt++) {
    await page.goto(`${portalUrl}/desktops`);
    if ((await page.getByRole("article").count()) > 0) return page.getByRole("article").first();
    await page.waitForTimeout(1000);
  }
  throw new Error("the demo pool offered no desktop within 90 seconds");
}

// Issue 15's first "Done when": a fresh `npm start`, an end user signs in, Connect → "Open in browser", and the demo
// desktop's framebuffer shows in the viewer — drawn by the demo RFB server, on a bare machine.
describe("demo: a desktop in the browser out of the box", () => {
  const { stack, signedIn } = usePortalE2e();

  it("opens user1's demo desktop in the viewer with progress, and remembers the choice", async () => {
    const user = await signedIn("/t/acme", "user1");
    const { page } = user;
    const card = await openLauncher(page, stack.portalUrl);
    // The tenant's name, not its slug, and the pool's name heads the card; the browser is offered first, the RDP client as the other choice.
    await page.locator(".brand").getByText("Acme Corporation").waitFor();
    await card.getByRole("heading", { name: "desktops" }).waitFor();
    await expect(card.getByLabel("In this browser").isChecked()).resolves.toBe(true);
    await card.getByLabel("Remote Desktop app (RDP)").waitFor();
    const [viewer] = await Promise.all([
      page.context().waitForEvent("page"),
      card.getByRole("button", { name: "Open in browser" }).click(),
    ]);
    await card.getByText("The desktop opened in a new tab.").waitFor();
    await viewer.locator("body[data-state=connected]").waitFor({ timeout: 60_000 });
    await viewer.waitForFunction(demoDesktopShown, undefined, { timeout: 30_000 });
    // The ticket never stays in the address bar.
    expect(new URL(viewer.url()).hash).toBe("");
    await viewer.locator("#screen canvas").click({ position: { x: 400, y: 300 } });
    await viewer.keyboard.type("Hello");
    await viewer.waitForFunction(typedTextShown, undefined, { timeout: 30_000 });
    await viewer.screenshot({ path: path.join(screenshotDir, "demo-desktop-viewer.png") });

    // Ending the session says so and offers the way back.
    await viewer.getByRole("button", { name: "Disconnect" }).click();
    await viewer.locator("body[data-state=ended]").waitFor();
    await viewer.getByRole("link", { name: "Back to my desktops" }).waitFor();
    await viewer.locator("#notice-reconnect").waitFor();
    await viewer.close();

    // The choice is remembered in this browser.
    await card.getByLabel("Remote Desktop app (RDP)").check();
    await card.getByRole("button", { name: /^(Re)?connect$/ }).click();
    await card.getByTestId("connection").getByText(/^RDP /).waitFor();
    const again = await openLauncher(page, stack.portalUrl);
    await expect(again.getByLabel("Remote Desktop app (RDP)").isChecked()).resolves.toBe(true);
    await user.screenshot("demo-desktop-launcher");
    expect(user.errors).toEqual([]);
    await user.close();
  }, 240_000);

  it("shows the demo desktop on a 390×844 phone, scaled to the screen", async () => {
    const user = await signedIn("/t/acme", "user2", { viewport: { width: 390, height: 844 } });
    const { page } = user;
    const card = await openLauncher(page, stack.portalUrl);
    const [viewer] = await Promise.all([
      page.context().waitForEvent("page"),
      card.getByRole("button", { name: "Open in browser" }).click(),
    ]);
    await viewer.locator("body[data-state=connected]").waitFor({ timeout: 60_000 });
    await viewer.waitForFunction(demoDesktopShown, undefined, { timeout: 30_000 });
    const box = await viewer.locator("#screen canvas").boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    expect(box?.width).toBeGreaterThan(300);
    await viewer.screenshot({ path: path.join(screenshotDir, "demo-desktop-viewer-phone.png") });
    await viewer.close();
    await user.close();
  }, 240_000);
});
