import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveViewerAsset, VIEWER_STATIC_DIR } from "./viewer-assets.js";

describe("viewer assets", () => {
  it("serves the page with its content security policy and the vendored modules without one", () => {
    const page = resolveViewerAsset("/viewer");
    expect(page?.file).toBe(path.join(VIEWER_STATIC_DIR, "index.html"));
    expect(page?.headers["content-type"]).toBe("text/html; charset=utf-8");
    // Scripts only from the gateway, plus compiling WebAssembly (IronRDP); never JavaScript eval.
    const directives = page?.headers["content-security-policy"]?.split("; ") ?? [];
    expect(directives.find((item) => item.startsWith("script-src"))).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(directives.join(" ")).not.toContain("'unsafe-eval'");

    const novnc = resolveViewerAsset("/vendor/novnc/core/rfb.js");
    expect(novnc?.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(novnc?.headers["content-security-policy"]).toBeUndefined();
    for (const module of ["/vendor/xterm/lib/xterm.mjs", "/vendor/xterm-fit/lib/addon-fit.mjs"]) {
      expect(resolveViewerAsset(module)).not.toBeNull();
    }
    expect(resolveViewerAsset("/vendor/guacamole/esm/guacamole-common.js")).not.toBeNull();
    expect(resolveViewerAsset("/vendor/ironrdp/rdp_client.js")?.headers["content-type"]).toBe(
      "text/javascript; charset=utf-8",
    );
    expect(resolveViewerAsset("/vendor/ironrdp/rdp_client_bg.wasm")?.headers["content-type"]).toBe("application/wasm");
    for (const module of ["/viewer/rdp/ironrdp.js", "/viewer/rdp/scancodes.js", "/viewer/rdp/guacd.js"]) {
      expect(resolveViewerAsset(module)).not.toBeNull();
    }
  });

  it("refuses paths that leave the served folders, unknown file types and malformed escapes", () => {
    expect(resolveViewerAsset("/viewer/../package.json")).toBeNull();
    expect(resolveViewerAsset("/viewer/%2e%2e/package.json")).toBeNull();
    expect(resolveViewerAsset("/vendor/novnc/package.json")).toBeNull();
    expect(resolveViewerAsset("/viewer/%E0%A4%A")).toBeNull();
    expect(resolveViewerAsset("/elsewhere/index.html")).toBeNull();
  });
});
