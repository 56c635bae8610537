import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { createTotpEnrolment, currentTotpCode, isReplayedStep, verifyTotp } from "./totp.js";

// 2023-11-14T22:13:00Z is the first second of time step 56666666 (1_699_999_980 = 56666666 × 30).
const STEP = 56_666_666;
const stepStart = (step: number) => new Date(step * 30_000);
const at = (date: Date) => () => date;
const plusMs = (date: Date, ms: number) => new Date(date.getTime() + ms);

describe("TOTP enrolment", () => {
  it("creates a secret, an otpauth URI with issuer and account, and a QR code of that URI", async () => {
    const enrolment = await createTotpEnrolment({ issuer: "Atrium: Acme", accountName: "alice@acme.test" });
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{16,}$/);
    const uri = new URL(enrolment.otpauthUri);
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Atrium  Acme:alice@acme.test");
    expect(uri.searchParams.get("secret")).toBe(enrolment.secret);
    expect(uri.searchParams.get("issuer")).toBe("Atrium  Acme");
    expect(enrolment.qrCodeDataUrl.startsWith("data:image/png;base64,")).toBe(true);
    // Same URI, same QR image: the code encodes exactly the URI.
    expect(await QRCode.toDataURL(enrolment.otpauthUri, { errorCorrectionLevel: "M", margin: 2 })).toBe(
      enrolment.qrCodeDataUrl,
    );
  });
});

describe("verifyTotp with an injected clock", () => {
  it("accepts the current code from the first to the last second of its step", async () => {
    const { secret } = await createTotpEnrolment({ issuer: "Atrium", accountName: "alice" });
    const start = stepStart(STEP);
    const code = await currentTotpCode(secret, at(start));
    expect(await currentTotpCode(secret, at(plusMs(start, 29_999)))).toBe(code);
    expect(await verifyTotp({ secret, code, clock: at(start) })).toEqual({ ok: true, timeStep: STEP, delta: 0 });
    expect(await verifyTotp({ secret, code, clock: at(plusMs(start, 29_999)) })).toMatchObject({ ok: true });
  });

  it("allows one step of drift either way and no more", async () => {
    const { secret } = await createTotpEnrolment({ issuer: "Atrium", accountName: "alice" });
    const code = await currentTotpCode(secret, at(stepStart(STEP)));
    expect(await verifyTotp({ secret, code, clock: at(stepStart(STEP + 1)) })).toMatchObject({ ok: true, delta: -1 });
    expect(await verifyTotp({ secret, code, clock: at(plusMs(stepStart(STEP - 1), 29_999)) })).toMatchObject({
      ok: true,
      delta: 1,
    });
    expect(await verifyTotp({ secret, code, clock: at(stepStart(STEP + 2)) })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifyTotp({ secret, code, clock: at(plusMs(stepStart(STEP - 1), -1)) })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("rejects a code of another secret and malformed input", async () => {
    const alice = await createTotpEnrolment({ issuer: "Atrium", accountName: "alice" });
    const bob = await createTotpEnrolment({ issuer: "Atrium", accountName: "bob" });
    const clock = at(stepStart(STEP));
    const bobsCode = await currentTotpCode(bob.secret, clock);
    const alicesCode = await currentTotpCode(alice.secret, clock);
    // Two random secrets share a code one time in a million per step; only assert when they differ.
    if (bobsCode !== alicesCode) {
      expect(await verifyTotp({ secret: alice.secret, code: bobsCode, clock })).toMatchObject({ ok: false });
    }
    for (const code of ["", "12345", "1234567", "12a456", "*"]) {
      expect(await verifyTotp({ secret: alice.secret, code, clock }), code).toEqual({ ok: false, reason: "malformed" });
    }
    expect(
      await verifyTotp({ secret: alice.secret, code: `${alicesCode.slice(0, 3)} ${alicesCode.slice(3)}`, clock }),
    ).toMatchObject({ ok: true });
  });

  it("refuses to accept the same step twice (replay)", async () => {
    const { secret } = await createTotpEnrolment({ issuer: "Atrium", accountName: "alice" });
    const clock = at(plusMs(stepStart(STEP), 5_000));
    const code = await currentTotpCode(secret, clock);
    const first = await verifyTotp({ secret, code, clock });
    if (!first.ok) throw new Error("first use must pass");
    expect(await verifyTotp({ secret, code, clock, lastUsedStep: first.timeStep })).toEqual({
      ok: false,
      reason: "replayed",
    });
    // The previous step's code, still inside the window, is also spent once a later step was used.
    const older = await currentTotpCode(secret, at(stepStart(STEP - 1)));
    expect(await verifyTotp({ secret, code: older, clock, lastUsedStep: first.timeStep })).toMatchObject({
      ok: false,
      reason: "replayed",
    });
    // The next step's code is fresh.
    const next = await currentTotpCode(secret, at(stepStart(STEP + 1)));
    expect(
      await verifyTotp({ secret, code: next, clock: at(stepStart(STEP + 1)), lastUsedStep: first.timeStep }),
    ).toMatchObject({ ok: true, timeStep: STEP + 1 });
  });

  it("isReplayedStep compares against the last used step", () => {
    expect(isReplayedStep(10, undefined)).toBe(false);
    expect(isReplayedStep(10, 9)).toBe(false);
    expect(isReplayedStep(10, 10)).toBe(true);
    expect(isReplayedStep(9, 10)).toBe(true);
  });
});
