import { describe, expect, it } from "vitest";
import { adBindDataCode, adBindFailureReason } from "./ad-bind-codes.js";

const refusal = (data: string) =>
  `80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data ${data}, v1db1`;

describe("AD bind sub-codes", () => {
  it.each([
    ["52e", "invalid_credentials"],
    ["525", "user_not_found"],
    ["532", "password_expired"],
    ["533", "account_disabled"],
    ["701", "account_expired"],
    ["773", "password_must_change"],
    ["775", "account_locked"],
    ["530", "logon_restricted"],
  ])("data %s means %s", (data, reason) => {
    expect(adBindFailureReason(refusal(data))).toBe(reason);
    expect(adBindFailureReason(refusal(data.toUpperCase()))).toBe(reason);
  });

  it("ignores refusals without an AD sub-code (OpenLDAP) and unknown codes", () => {
    expect(adBindFailureReason("Invalid Credentials")).toBeUndefined();
    expect(adBindDataCode(refusal("569"))).toBe("569");
    expect(adBindFailureReason(refusal("569"))).toBeUndefined();
  });
});
