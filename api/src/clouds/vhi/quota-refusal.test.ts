import { loadRecording } from "@atrium/simulator/testing";
import { describe, expect, it } from "vitest";
import { mapErrorResponse } from "./http-error-mapper.js";
import { VhiConflictError, VhiForbiddenError, VhiQuotaExceededError } from "./vhi.errors.js";

// Issue 14, item 3: every quota refusal is a quota, naming its resource, whichever service refused it.
function map(status: number, body: unknown) {
  return mapErrorResponse({
    status,
    headers: new Headers(),
    bodyText: JSON.stringify(body),
    now: 0,
    secrets: [],
    details: { service: "compute" },
  });
}

const nova = (message: string) => ({ forbidden: { code: 403, message } });

describe("quota refusals", () => {
  it("names the resources of the recorded Nova refusals", () => {
    for (const [name, resources] of [
      ["09-server-create-quota-exceeded", ["instances"]],
      ["09-server-create-quota-exceeded-cores-ram", ["cores", "ram"]],
    ] as const) {
      const { response } = loadRecording(name);
      const error = map(response.status, response.body);
      expect(error).toBeInstanceOf(VhiQuotaExceededError);
      expect((error as VhiQuotaExceededError).resources).toEqual(resources);
    }
  });

  it("recognises Neutron's port limit as Nova relays it, and Neutron, Cinder and floating IP refusals", () => {
    const cases: [number, unknown, string[]][] = [
      [403, nova("Maximum number of ports exceeded"), ["ports"]],
      [403, nova("Maximum number of floating IPs exceeded"), ["floating_ips"]],
      [
        409,
        { NeutronError: { type: "OverQuota", message: "Quota exceeded for resources: ['floatingip'].", detail: "" } },
        ["floatingip"],
      ],
      [
        409,
        { NeutronError: { type: "OverQuota", message: "Quota exceeded for resources: ['port'].", detail: "" } },
        ["port"],
      ],
      [
        413,
        { overLimit: { code: 413, message: "Maximum number of volumes allowed (10) exceeded for quota 'volumes'." } },
        ["volumes"],
      ],
      [
        413,
        {
          overLimit: {
            code: 413,
            message:
              "Requested volume or snapshot exceeds allowed gigabytes quota. Requested 100G, quota is 1000G and 950G has been consumed.",
          },
        },
        ["gigabytes"],
      ],
    ];
    for (const [status, body, resources] of cases) {
      const error = map(status, body);
      expect(error, JSON.stringify(body)).toBeInstanceOf(VhiQuotaExceededError);
      expect((error as VhiQuotaExceededError).resources).toEqual(resources);
    }
  });

  it("keeps policy refusals and state conflicts what they are", () => {
    expect(map(403, nova("Policy doesn't allow os_compute_api:servers:create to be performed."))).toBeInstanceOf(
      VhiForbiddenError,
    );
    expect(
      map(409, {
        conflictingRequest: { code: 409, message: "Cannot 'stop' instance while it is in vm_state stopped" },
      }),
    ).toBeInstanceOf(VhiConflictError);
  });
});
