import type { MfaChallenge } from "./api-sign-in";

/** The second step of a sign-in: the API's challenge, plus the QR code when the user must first enrol an app. */
export interface MfaStep extends MfaChallenge {
  enrolment: { qrCodeDataUrl: string; secret: string } | null;
}

export interface SignInState {
  error: string | null;
  /** What was typed (never passwords or codes), so the form keeps it after an error. */
  values: Record<string, string>;
  mfa: MfaStep | null;
  /** Signed in with a newly set-up app: its recovery codes, shown once before going on to `next`. */
  recoveryCodes?: { codes: string[]; next: string } | null;
}

export const initialSignInState: SignInState = { error: null, values: {}, mfa: null };
