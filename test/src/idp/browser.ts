/**
 * A minimal browser for SSO round trips: follows redirects across the API and the IdP, keeps cookies per origin,
 * and submits the auto-post form a SAML IdP answers with. Stops at the portal page the API sends the user to.
 */
export interface Landing {
  status: number;
  location: string;
  ticket: string | null;
  error: string | null;
}

const jar = new Map<string, Map<string, string>>();

function cookieHeader(url: URL): string {
  return [...(jar.get(url.origin)?.entries() ?? [])].map(([name, value]) => `${name}=${value}`).join("; ");
}

function storeCookies(url: URL, response: Response) {
  const cookies = jar.get(url.origin) ?? new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const index = pair!.indexOf("=");
    cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
  }
  jar.set(url.origin, cookies);
}

function hiddenFields(html: string): { action: string; fields: Record<string, string> } | null {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) return null;
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) {
    fields[match[1]!] = match[2]!
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&amp;/g, "&");
  }
  return { action: action.replace(/&amp;/g, "&"), fields };
}

export interface PostedForm {
  action: string;
  fields: Record<string, string>;
}

export async function browse(
  start: string,
  stopAt: string,
  options: { post?: URLSearchParams; onForm?: (form: PostedForm) => void } = {},
): Promise<Landing> {
  let url = new URL(start);
  let request: { method: string; body?: URLSearchParams } = options.post
    ? { method: "POST", body: options.post }
    : { method: "GET" };
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(url, {
      method: request.method,
      body: request.body,
      redirect: "manual",
      headers: { cookie: cookieHeader(url) },
    });
    storeCookies(url, response);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.pathname === stopAt) {
        const fragment = new URLSearchParams(next.hash.slice(1));
        return {
          status: response.status,
          location: next.href,
          ticket: fragment.get("ticket"),
          error: fragment.get("error"),
        };
      }
      url = next;
      request = { method: "GET" };
      continue;
    }
    const form = response.status === 200 ? hiddenFields(await response.text()) : null;
    if (!form) return { status: response.status, location: url.href, ticket: null, error: `HTTP ${response.status}` };
    url = new URL(form.action, url);
    options.onForm?.({ action: url.href, fields: form.fields });
    request = { method: "POST", body: new URLSearchParams(form.fields) };
  }
  throw new Error("too many redirects");
}
