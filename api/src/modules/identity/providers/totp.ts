import { generate, generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

/** RFC 6238 defaults, which every authenticator app supports. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;

export interface TotpEnrolment {
  /** Base32 secret: store encrypted, never show again after enrolment. */
  secret: string;
  otpauthUri: string;
  /** PNG data URL of the otpauth URI, for the enrolment page. */
  qrCodeDataUrl: string;
}

export type Clock = () => Date;
const systemClock: Clock = () => new Date();

function epochSeconds(clock: Clock): number {
  return Math.floor(clock().getTime() / 1000);
}

/** Starts an enrolment: a fresh secret plus the otpauth URI and QR code an authenticator app scans. */
export async function createTotpEnrolment(options: { issuer: string; accountName: string }): Promise<TotpEnrolment> {
  const secret = generateSecret();
  // The label is "issuer:account" in apps; a colon inside either part would split it in the wrong place.
  const issuer = options.issuer.replaceAll(":", " ").trim();
  const accountName = options.accountName.replaceAll(":", " ").trim();
  const otpauthUri = generateURI({ issuer, label: accountName, secret, period: PERIOD_SECONDS, digits: DIGITS });
  const qrCodeDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: "M", margin: 2 });
  return { secret, otpauthUri, qrCodeDataUrl };
}

/** The code an authenticator shows at the clock's time (for tests and for the enrolment confirmation step). */
export function currentTotpCode(secret: string, clock: Clock = systemClock): Promise<string> {
  return generate({ secret, epoch: epochSeconds(clock), period: PERIOD_SECONDS, digits: DIGITS });
}

/** True when a code's time step was already used: a TOTP code is single-use even inside its validity window. */
export function isReplayedStep(timeStep: number, lastUsedStep: number | undefined): boolean {
  return lastUsedStep !== undefined && timeStep <= lastUsedStep;
}

export type TotpVerification =
  | { ok: true; timeStep: number; delta: number }
  | { ok: false; reason: "malformed" | "invalid" | "replayed" };

/**
 * Checks a code against the current step ±1 (clock drift, slow typing). `lastUsedStep` is the step of the last
 * accepted code; on success store the returned `timeStep` as the new one.
 */
export async function verifyTotp(options: {
  secret: string;
  code: string;
  lastUsedStep?: number;
  clock?: Clock;
}): Promise<TotpVerification> {
  const code = options.code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: "malformed" };
  const result = await verify({
    secret: options.secret,
    token: code,
    epoch: epochSeconds(options.clock ?? systemClock),
    period: PERIOD_SECONDS,
    digits: DIGITS,
    epochTolerance: PERIOD_SECONDS,
  });
  // The functional API's result type also covers HOTP; a TOTP match always carries its time step.
  if (!result.valid || !("timeStep" in result)) return { ok: false, reason: "invalid" };
  // otplib's afterTimeStep would reject replays too, but as "invalid" (and it throws for steps ahead of the clock);
  // the distinct reason lets the caller log a replay attempt.
  if (isReplayedStep(result.timeStep, options.lastUsedStep)) return { ok: false, reason: "replayed" };
  return { ok: true, timeStep: result.timeStep, delta: result.delta };
}
