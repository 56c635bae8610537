import { describe, expect, it } from "vitest";
import { throttleKeys } from "./login-throttle.service.js";

describe("throttleKeys", () => {
  it("scopes names by tenant, folds their case, and counts an address across tenants", () => {
    expect(throttleKeys("t-1", " Alice ", "10.0.0.1")).toEqual({
      tenantId: "t-1",
      user: "user:t-1:alice",
      ip: "ip:10.0.0.1",
    });
    expect(throttleKeys(null, "alice", "10.0.0.1").user).toBe("user:msp:alice");
  });
});
