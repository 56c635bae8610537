import { SmtpTlsMode } from "@atrium/schema";
import { IsEmail, IsEnum, IsInt, IsOptional, Length, Matches, Max, Min } from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";

@ObjectType("SmtpSettings", { description: "Outgoing mail server. The password is write-only." })
export class SmtpSettingsType {
  @Field(() => ID)
  id: string;

  @Field({ description: "False for the MSP's settings, true for a tenant's own override." })
  tenantOverride: boolean;

  @Field()
  host: string;

  @Field(() => Int)
  port: number;

  @Field(() => SmtpTlsMode)
  tlsMode: SmtpTlsMode;

  @Field(() => String, { nullable: true })
  username: string | null;

  @Field({ description: "Whether a password is stored; the password itself is never returned." })
  hasPassword: boolean;

  @Field()
  fromAddress: string;

  @Field()
  updatedAt: Date;
}

const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$/;

@InputType()
export class SmtpSettingsInput {
  @Field()
  @Length(1, 255)
  @Matches(HOST, { message: "host must be a host name or an IP address" })
  host: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(65535)
  port: number;

  @Field(() => SmtpTlsMode)
  @IsEnum(SmtpTlsMode)
  tlsMode: SmtpTlsMode;

  @Field(() => String, { nullable: true, description: "Null: no authentication." })
  @IsOptional()
  @Length(1, 255)
  username?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Replaces the stored password; left out keeps it; ignored (and cleared) without a username.",
  })
  @IsOptional()
  @Length(1, 1024)
  password?: string | null;

  @Field()
  @IsEmail({}, { message: "fromAddress must be an e-mail address" })
  @Length(3, 320)
  fromAddress: string;
}

@ObjectType("SmtpTestResult", { description: "Outcome of sending a test message; the error says what to fix." })
export class SmtpTestResultType {
  @Field()
  ok: boolean;

  @Field(() => String, { nullable: true })
  messageId: string | null;

  @Field(() => String, { nullable: true })
  error: string | null;
}
