import type { MspRole, User } from "@atrium/schema";
import type { Ctx } from "../../context/ctx.js";
import { badInput } from "../../errors/app-error.js";
import { absoluteHttpUrl, sendInvitationMail } from "../mail/invitation-mail.js";

const ROLE_NAMES: Record<MspRole, string> = {
  msp_admin: "MSP administrator",
  msp_operator: "MSP operator",
  msp_billing: "MSP billing",
};

/**
 * Tells a new staff member where to sign in and that a second factor will be set up; the password travels another
 * way (the administrator hands it over), never by mail.
 */
export async function sendStaffInvitation(ctx: Ctx, user: User, role: MspRole, signInUrl: string | null) {
  if (!user.email) throw badInput("An invitation needs the person's e-mail address", "email");
  const url = signInUrl === null ? null : absoluteHttpUrl(signInUrl, "signInUrl");
  const lines = [
    `Hello ${user.displayName ?? user.username},`,
    "",
    `An account was created for you on the Atrium MSP console, with the role ${ROLE_NAMES[role]}.`,
    "",
    `User name: ${user.username}`,
    ...(url ? [`Sign in at: ${url}`] : []),
    "",
    "Your administrator gives you your first password. " +
      (user.mfaRequired ? "At your first sign-in you set up an authenticator app." : ""),
  ];
  await sendInvitationMail(ctx, {
    to: [user.email],
    subject: "Your Atrium MSP console account",
    text: lines.join("\n"),
  });
}
