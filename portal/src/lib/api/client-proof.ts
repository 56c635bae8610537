/**
 * What the portal's server (server/browser-client.ts) attached to this browser request: the browser's address,
 * signed for the API, and the request id the signature covers. Passed on to the API unchanged with every call made
 * for the browser; the API believes no other statement of where the browser is.
 */
export type ClientProof = Record<string, string>;

const PASSED_ON = ["x-atrium-client", "x-request-id"] as const;

export function clientProofOf(headers: { get(name: string): string | null }): ClientProof {
  const proof: ClientProof = {};
  for (const name of PASSED_ON) {
    const value = headers.get(name);
    if (value) proof[name] = value;
  }
  return proof;
}
