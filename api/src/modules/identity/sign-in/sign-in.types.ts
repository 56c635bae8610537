import { MfaMethod } from "@atrium/schema";
import { IsEnum, IsOptional, Length, MaxLength, MinLength } from "class-validator";
import { createUnionType, Field, InputType, ObjectType } from "type-graphql";
import { AuthPayload } from "../../sessions/sessions.types.js";

@InputType()
export class SignInInput {
  @Field()
  @MinLength(1)
  @MaxLength(255)
  username: string;

  @Field()
  @MinLength(1)
  @MaxLength(1024)
  password: string;

  @Field(() => String, { nullable: true, description: "Tenant slug; omit for MSP staff." })
  @IsOptional()
  @MaxLength(63)
  tenant?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Host name the user signs in at (the portal passes its own); selects the tenant when no slug is given.",
  })
  @IsOptional()
  @MaxLength(253)
  loginHost?: string | null;
}

@ObjectType("MfaChallenge", {
  description: "The password (or SSO) step succeeded but a second factor is required: answer with completeMfa.",
})
export class MfaChallengeType {
  @Field({ description: "Single-use, short-lived; pass it to completeMfa." })
  challengeToken: string;

  @Field(() => [MfaMethod], { description: "Accepted answers." })
  methods: MfaMethod[];

  @Field({ description: "What to show the user (e.g. the RADIUS server's prompt)." })
  message: string;

  @Field()
  expiresAt: Date;
}

export const SignInResult = createUnionType({
  name: "SignInResult",
  description: "Tokens when the sign-in is complete, otherwise the challenge the client must answer.",
  types: () => [AuthPayload, MfaChallengeType] as const,
  resolveType: (value) => ("challengeToken" in value ? MfaChallengeType : AuthPayload),
});

@InputType()
export class CompleteMfaInput {
  @Field()
  @Length(1, 200)
  challengeToken: string;

  @Field({ description: "TOTP code, recovery code, or the RADIUS answer (code or 'push')." })
  @Length(1, 100)
  code: string;

  @Field(() => MfaMethod, { nullable: true, description: "Which method the code is for; inferred when omitted." })
  @IsOptional()
  @IsEnum(MfaMethod)
  method?: MfaMethod | null;
}

@ObjectType("TotpEnrolment", { description: "Shown once: scan the QR code, then confirm with a code." })
export class TotpEnrolmentType {
  @Field({ description: "Base32 secret for manual entry." })
  secret: string;

  @Field()
  otpauthUri: string;

  @Field({ description: "PNG data URL of the otpauth URI." })
  qrCodeDataUrl: string;
}

@ObjectType("RecoveryCodes", { description: "Shown once; each code works once." })
export class RecoveryCodesType {
  @Field(() => [String])
  codes: string[];
}

@ObjectType("MfaStatus")
export class MfaStatusType {
  @Field()
  totpEnabled: boolean;

  @Field()
  recoveryCodesLeft: number;

  @Field({
    description: "The tenant or the account requires a second factor: the app can be replaced, not turned off.",
  })
  required: boolean;
}

@InputType()
export class TotpCodeInput {
  @Field()
  @Length(6, 10)
  code: string;

  @Field(() => String, {
    nullable: true,
    description: "Replacing an app that is on: a code from the current app, or a recovery code (which it uses up).",
  })
  @IsOptional()
  @Length(6, 40)
  proof?: string | null;
}

@InputType({ description: "A code from the current authenticator app, or a recovery code (which it uses up)." })
export class MfaProofInput {
  @Field()
  @Length(6, 40)
  proof: string;
}

@InputType()
export class RecoverTotpInput {
  @Field()
  @Length(1, 200)
  challengeToken: string;

  @Field({ description: "One of the recovery codes saved when the lost app was set up." })
  @Length(6, 40)
  recoveryCode: string;
}

@InputType()
export class RedeemTicketInput {
  @Field()
  @MaxLength(200)
  ticket: string;
}
