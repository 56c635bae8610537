import type { User } from "@atrium/schema";
import { Arg, Ctx as GqlCtx, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../../auth/require-permission.js";
import { signInCtx } from "../../../context/build-ctx.js";
import type { Ctx } from "../../../context/ctx.js";
import { AppError, unauthenticated } from "../../../errors/app-error.js";
import { completeMfa, enrolTotpForChallenge, recoverTotpForChallenge } from "./mfa-challenge.service.js";
import { passwordSignIn } from "./password-sign-in.service.js";
import {
  CompleteMfaInput,
  MfaProofInput,
  MfaStatusType,
  RecoverTotpInput,
  RecoveryCodesType,
  RedeemTicketInput,
  SignInInput,
  SignInResult,
  TotpCodeInput,
  TotpEnrolmentType,
} from "./sign-in.types.js";
import { outcomeToResult } from "./sign-in-finish.service.js";
import { redeemSsoTicket } from "./sso-ticket.service.js";
import { hasTotp, mfaOf, startTotpEnrolment } from "./totp-enrolment.service.js";
import { confirmOwnTotp, disableTotp, mfaRequiredFor, regenerateRecoveryCodes } from "./totp-self-service.service.js";

async function currentUser(ctx: Ctx): Promise<User> {
  if (ctx.principal.kind !== "user") throw unauthenticated("Only a signed-in user has second factors");
  // The user's own tenant: MSP staff who entered a tenant keep their second factors with the MSP's accounts.
  return signInCtx(ctx, ctx.principal.homeTenantId).db.users.getById(ctx.principal.userId);
}

@Resolver()
export class SignInResolver {
  @Mutation(() => SignInResult, {
    description: "Username + password (local store or the tenant's directories): tokens, or an MFA challenge.",
  })
  @RequirePermission("public")
  async signInWithPassword(@GqlCtx() ctx: Ctx, @Arg("input", () => SignInInput) input: SignInInput) {
    return outcomeToResult(await passwordSignIn(ctx, input, input.loginHost ?? undefined));
  }

  @Mutation(() => SignInResult, { description: "Answers an MfaChallenge; RADIUS may answer with a further challenge." })
  @RequirePermission("public")
  async completeMfa(@GqlCtx() ctx: Ctx, @Arg("input", () => CompleteMfaInput) input: CompleteMfaInput) {
    return outcomeToResult(await completeMfa(ctx, input));
  }

  @Mutation(() => SignInResult, { description: "Trades the one-time ticket of a SAML/OIDC sign-in for tokens." })
  @RequirePermission("public")
  async redeemSignInTicket(@GqlCtx() ctx: Ctx, @Arg("input", () => RedeemTicketInput) input: RedeemTicketInput) {
    return outcomeToResult(await redeemSsoTicket(ctx, input.ticket));
  }

  @Mutation(() => TotpEnrolmentType, { description: "During a challenge offering totp_enrolment: the app secret." })
  @RequirePermission("public")
  enrolTotpForChallenge(@GqlCtx() ctx: Ctx, @Arg("challengeToken") challengeToken: string) {
    if (challengeToken.length > 200) throw new AppError("BAD_USER_INPUT", "challengeToken is too long");
    return enrolTotpForChallenge(ctx, challengeToken);
  }

  @Mutation(() => TotpEnrolmentType, {
    description: "Lost phone: a recovery code turns the challenge into the enrolment of a new app (then completeMfa).",
  })
  @RequirePermission("public")
  recoverTotpForChallenge(@GqlCtx() ctx: Ctx, @Arg("input", () => RecoverTotpInput) input: RecoverTotpInput) {
    return recoverTotpForChallenge(ctx, input.challengeToken, input.recoveryCode);
  }

  @Query(() => MfaStatusType)
  @RequirePermission("self")
  async myMfa(@GqlCtx() ctx: Ctx) {
    const user = await currentUser(ctx);
    const mfa = await mfaOf(ctx, user);
    return {
      totpEnabled: hasTotp(mfa),
      recoveryCodesLeft: mfa?.recoveryCodeHashes.length ?? 0,
      required: await mfaRequiredFor(ctx, user),
    };
  }

  @Mutation(() => TotpEnrolmentType, {
    description: "Starts (or restarts) authenticator-app enrolment; an app that is on keeps working until confirmed.",
  })
  @RequirePermission("self")
  async startTotpEnrolment(@GqlCtx() ctx: Ctx) {
    return startTotpEnrolment(ctx, await currentUser(ctx));
  }

  @Mutation(() => RecoveryCodesType, {
    description:
      "Confirms enrolment with a code from the new app (and, replacing one, proof); returns recovery codes once.",
  })
  @RequirePermission("self")
  async confirmTotpEnrolment(@GqlCtx() ctx: Ctx, @Arg("input", () => TotpCodeInput) input: TotpCodeInput) {
    return { codes: await confirmOwnTotp(ctx, await currentUser(ctx), input.code, input.proof ?? null) };
  }

  @Mutation(() => MfaStatusType, {
    description: "Turns the authenticator app off; refused (MFA_REQUIRED) where required.",
  })
  @RequirePermission("self")
  async disableTotp(@GqlCtx() ctx: Ctx, @Arg("input", () => MfaProofInput) input: MfaProofInput) {
    const user = await currentUser(ctx);
    await disableTotp(ctx, user, input.proof);
    return { totpEnabled: false, recoveryCodesLeft: 0, required: false };
  }

  @Mutation(() => RecoveryCodesType, { description: "New recovery codes, shown once; the earlier ones stop working." })
  @RequirePermission("self")
  async regenerateRecoveryCodes(@GqlCtx() ctx: Ctx, @Arg("input", () => MfaProofInput) input: MfaProofInput) {
    return { codes: await regenerateRecoveryCodes(ctx, await currentUser(ctx), input.proof) };
  }
}
