import fs from "node:fs";
import type http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** The browser files are served as they are (no bundler): `static/` sits beside `src/` and `dist/`. */
export const VIEWER_STATIC_DIR = fileURLToPath(new URL("../static", import.meta.url));

const packageDir = (name: string, depth: number) => {
  let dir = path.dirname(require.resolve(name));
  for (let level = 0; level < depth; level++) dir = path.dirname(dir);
  return dir;
};

/** URL prefix → folder. The viewer loads noVNC, xterm.js, IronRDP and guacamole-common-js as ES modules from here. */
const ROOTS: [string, () => string][] = [
  ["/viewer/", () => VIEWER_STATIC_DIR],
  ["/vendor/novnc/", () => packageDir("@novnc/novnc", 1)],
  ["/vendor/xterm/", () => packageDir("@xterm/xterm", 1)],
  ["/vendor/xterm-fit/", () => packageDir("@xterm/addon-fit", 1)],
  // The package's entry point is dist/cjs/…; the viewer loads dist/esm/guacamole-common.js.
  // ironrdp-wasm's entry point sits in pkg/ next to the WebAssembly module it fetches.
  ["/vendor/ironrdp/", () => packageDir("ironrdp-wasm", 0)],
  ["/vendor/guacamole/", () => packageDir("guacamole-common-js", 1)],
];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  // WebAssembly.instantiateStreaming insists on this type.
  ".wasm": "application/wasm",
};

export const VIEWER_CSP = [
  "default-src 'self'",
  // IronRDP compiles its WebAssembly module; 'wasm-unsafe-eval' allows that and nothing else (no JavaScript eval).
  "script-src 'self' 'wasm-unsafe-eval'",
  // xterm.js and noVNC set styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

export interface ViewerAsset {
  file: string;
  headers: Record<string, string>;
}

/** The file behind a URL path and the headers to send with it; null for anything outside the served folders. */
export function resolveViewerAsset(pathname: string): ViewerAsset | null {
  const requested = pathname === "/viewer" || pathname === "/viewer/" ? "/viewer/index.html" : pathname;
  for (const [prefix, root] of ROOTS) {
    if (!requested.startsWith(prefix)) continue;
    const base = root();
    let relative: string;
    try {
      relative = decodeURIComponent(requested.slice(prefix.length - 1));
    } catch {
      return null;
    }
    const file = path.resolve(base, `.${relative}`);
    if (!file.startsWith(base + path.sep)) return null;
    const type = TYPES[path.extname(file)];
    if (!type || !fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
    return {
      file,
      headers: {
        "content-type": type,
        "cache-control": prefix === "/viewer/" ? "no-cache" : "public, max-age=3600",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        ...(type.startsWith("text/html") ? { "content-security-policy": VIEWER_CSP } : {}),
      },
    };
  }
  return null;
}

/** Answers a GET for the viewer page or one of its modules; false when the path is not the viewer's. */
export function serveViewerAsset(pathname: string, response: http.ServerResponse): boolean {
  const asset = resolveViewerAsset(pathname);
  if (!asset) return false;
  response.writeHead(200, asset.headers);
  fs.createReadStream(asset.file).pipe(response);
  return true;
}
