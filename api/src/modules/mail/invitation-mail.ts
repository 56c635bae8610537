import type { Ctx } from "../../context/ctx.js";
import { badInput, conflict } from "../../errors/app-error.js";
import { MailNotConfiguredError, type OutgoingMail, sendMail } from "./mail-transport.js";

/** Only an absolute http(s) address goes into a mail: a relative path or another scheme is useless to the reader. */
export function absoluteHttpUrl(value: string, field: string): string {
  const parsed = URL.canParse(value) ? new URL(value) : null;
  if (!parsed || !/^https?:$/.test(parsed.protocol)) throw badInput(`${field} must be an absolute http(s) URL`, field);
  return parsed.toString();
}

/**
 * Sends an invitation the person acting waits for: a missing or failing mail server is theirs to fix, so it answers
 * CONFLICT with the reason (the account itself is already saved) rather than an internal error.
 */
export async function sendInvitationMail(ctx: Ctx, mail: OutgoingMail): Promise<void> {
  try {
    await sendMail(ctx, mail);
  } catch (error) {
    if (error instanceof MailNotConfiguredError) throw conflict(`${error.message}: the invitation was not sent`);
    const reason = error instanceof Error ? error.message : String(error);
    throw conflict(`The invitation could not be sent: ${reason.slice(0, 300)}`);
  }
}
