import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  documentAttacks,
  type HostileOutcome,
  type HostileTarget,
  pick,
  prepareHostileTarget,
  sendHostile,
  variableAttacks,
} from "../fixtures/hostile-requests.js";
import { everyOperation, servedSchema } from "../fixtures/schema-sweep.js";
import { tenantState } from "../fixtures/tenant-state.js";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";

/*
 * Issue 12: hostile input for every operation, found in the served schema (wrong types, huge strings, NUL bytes,
 * injection strings in every argument; deep, aliased and cyclic documents, batches, broken bodies), sent as
 * globex's admin and anonymously. No answer is a 5xx or shows internals, the API stays ready, and acme's rows
 * do not change.
 */

const REQUESTS = 2000;

let app: TestApp;
let target: HostileTarget;

beforeAll(async () => {
  app = await startTestApp();
  target = await prepareHostileTarget(app);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe("hostile input", () => {
  it(`answers ${REQUESTS} hostile requests over every operation without a 5xx or internals`, async () => {
    const variables = variableAttacks(everyOperation(servedSchema(), target.ids));
    const requests = [...pick(variables, REQUESTS), ...documentAttacks()];
    const before = await tenantState(app, target.acme.tenant.id);
    const outcomes: (HostileOutcome & { label: string })[] = [];
    for (const [index, request] of requests.entries()) {
      const token = index % 4 === 3 ? null : target.globex.adminToken;
      outcomes.push({ label: request.label, ...(await sendHostile(app.url, token, request)) });
    }
    const serverErrors = outcomes.filter((outcome) => outcome.status >= 500).map((outcome) => outcome.label);
    const internals = outcomes.filter((outcome) => outcome.internals).map((outcome) => outcome.label);
    const ready = await fetch(new URL("/readyz", app.url));
    console.info(
      `hostile input: ${outcomes.length} requests (of ${variables.length} argument attacks and ` +
        `${documentAttacks().length} document attacks), ${serverErrors.length} 5xx, ${internals.length} with internals`,
    );
    expect(outcomes.length).toBeGreaterThanOrEqual(REQUESTS);
    expect(serverErrors).toEqual([]);
    expect(internals).toEqual([]);
    expect(ready.status).toBe(200);
    expect(await tenantState(app, target.acme.tenant.id)).toBe(before);
  }, 600_000);
});
