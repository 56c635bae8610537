import http from "node:http";
import https from "node:https";

/**
 * A minimal browser for SSO round trips: follows redirects across the API and the IdP, keeps cookies per origin,
 * fills an IdP's login form when given credentials, and submits the auto-post form a SAML IdP answers with. Stops
 * at the portal page the API sends the user to. Speaks https with a test CA (a TLS-terminating proxy in front).
 */
export interface Landing {
  status: number;
  location: string;
  ticket: string | null;
  error: string | null;
}

export interface PostedForm {
  action: string;
  fields: Record<string, string>;
}

export interface BrowseOptions {
  post?: URLSearchParams;
  onForm?: (form: PostedForm) => void;
  /** Typed into an IdP's sign-in form (a form with a password field). */
  credentials?: { username: string; password: string };
  /** CA that signed an https server on the way (e.g. the TLS proxy's). */
  ca?: string;
  /** Sent with every request, as a browser that writes its own headers (e.g. a forged X-Forwarded-For) would. */
  headers?: Record<string, string>;
}

interface Page {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const jar = new Map<string, Map<string, string>>();

/** Forgets every cookie, as a new browser would (e.g. to sign in as another user at the same IdP). */
export function clearCookies(): void {
  jar.clear();
}

function cookieHeader(url: URL): string {
  return [...(jar.get(url.origin)?.entries() ?? [])].map(([name, value]) => `${name}=${value}`).join("; ");
}

function storeCookies(url: URL, headers: http.IncomingHttpHeaders) {
  const cookies = jar.get(url.origin) ?? new Map<string, string>();
  for (const line of headers["set-cookie"] ?? []) {
    const [pair] = line.split(";");
    const index = pair!.indexOf("=");
    cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
  }
  jar.set(url.origin, cookies);
}

function request(url: URL, method: string, body: string | undefined, options: BrowseOptions): Promise<Page> {
  const { ca } = options;
  const client = url.protocol === "https:" ? https : http;
  const headers: http.OutgoingHttpHeaders = { ...options.headers, cookie: cookieHeader(url) };
  if (body !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers["content-length"] = Buffer.byteLength(body);
  }
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method, headers, ...(ca ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function attribute(tag: string, name: string): string | undefined {
  const value = new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag)?.[1];
  return value === undefined ? undefined : decode(value);
}

/** The page's first form: its action, its hidden fields, and the names of its text and password inputs. */
function parseForm(html: string): { action: string; fields: Record<string, string>; password?: string } | null {
  const form = /<form\b([^>]*)>/i.exec(html);
  if (!form) return null;
  const action = attribute(form[1]!, "action") ?? "";
  const fields: Record<string, string> = {};
  let password: string | undefined;
  for (const match of html.matchAll(/<input\b([^>]*)>/gi)) {
    const tag = match[1]!;
    const name = attribute(tag, "name");
    const type = (attribute(tag, "type") ?? "text").toLowerCase();
    if (!name) continue;
    if (type === "hidden") fields[name] = attribute(tag, "value") ?? "";
    if (type === "password") password = name;
  }
  return { action, fields, password };
}

export async function browse(start: string, stopAt: string, options: BrowseOptions = {}): Promise<Landing> {
  let url = new URL(start);
  let method = options.post ? "POST" : "GET";
  let body = options.post?.toString();
  let signedIn = false;
  for (let hop = 0; hop < 20; hop++) {
    const page = await request(url, method, body, options);
    storeCookies(url, page.headers);
    const location = page.headers.location;
    if (page.status >= 300 && page.status < 400 && location) {
      const next = new URL(location, url);
      if (next.pathname === stopAt) {
        const fragment = new URLSearchParams(next.hash.slice(1));
        return {
          status: page.status,
          location: next.href,
          ticket: fragment.get("ticket"),
          error: fragment.get("error"),
        };
      }
      url = next;
      method = "GET";
      body = undefined;
      continue;
    }
    const form = page.status === 200 ? parseForm(page.body) : null;
    if (!form) return { status: page.status, location: url.href, ticket: null, error: `HTTP ${page.status}` };
    const fields = { ...form.fields };
    if (form.password) {
      // The IdP asks for a password: once if we have credentials, and a second time means it refused them.
      if (!options.credentials || signedIn) {
        return { status: page.status, location: url.href, ticket: null, error: "sign-in form" };
      }
      signedIn = true;
      fields.username = options.credentials.username;
      fields[form.password] = options.credentials.password;
    }
    url = new URL(form.action, url);
    options.onForm?.({ action: url.href, fields });
    method = "POST";
    body = new URLSearchParams(fields).toString();
  }
  throw new Error("too many redirects");
}
