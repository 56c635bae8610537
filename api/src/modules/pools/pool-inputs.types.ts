import { ParkedPowerState, UserDataKind, Weekday } from "@atrium/schema";
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { OptionalNotNull } from "../../graphql/validation.js";

const MAX_DESKTOPS = 1000;

@InputType()
export class PoolScheduleWindowInput {
  @Field(() => [Weekday])
  @ArrayMaxSize(7)
  @IsEnum(Weekday, { each: true })
  days: Weekday[];

  @Field({ description: "HH:MM." })
  @MaxLength(5)
  start: string;

  @Field({ description: "HH:MM; at or before start crosses midnight." })
  @MaxLength(5)
  end: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DESKTOPS)
  minTotal?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DESKTOPS)
  maxTotal?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DESKTOPS)
  minAvailable?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DESKTOPS)
  minRunning?: number | null;
}

@InputType()
export class PoolDomainJoinInput {
  @Field()
  @Length(1, 255)
  domain: string;

  @Field(() => String, { nullable: true, description: "e.g. OU=VDI,DC=corp,DC=example" })
  @IsOptional()
  @MaxLength(1000)
  ou?: string | null;

  @Field()
  @Length(1, 255)
  username: string;

  @Field(() => String, { nullable: true, description: "Write-only; on update, leave out to keep the stored one." })
  @IsOptional()
  @Length(1, 1024)
  password?: string | null;
}

@InputType({ description: "The account the gateway signs in to the pool's desktops with (SSH, RDP through guacd)." })
export class PoolDesktopLoginInput {
  @Field()
  @Length(1, 255)
  username: string;

  @Field(() => String, { nullable: true, description: "Write-only; on update, leave out to keep the stored one." })
  @IsOptional()
  @Length(1, 1024)
  password?: string | null;

  @Field(() => String, { nullable: true, description: "Write-only PEM private key (SSH); leave out to keep it." })
  @IsOptional()
  @Length(1, 16_384)
  @Matches(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, { message: "privateKey must be a PEM private key" })
  privateKey?: string | null;
}

/** Fields shared by create and update; on update every one of them is optional. */
@InputType("PoolSettingsInputBase")
abstract class PoolSettingsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  description?: string | null;

  @Field(() => Int, { nullable: true, description: "Boot from a volume of this size (GiB); null: local disk." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65_536)
  bootVolumeGb?: number | null;

  @Field(() => String, { nullable: true, description: "Storage policy (volume type name) of the boot volume." })
  @IsOptional()
  @MaxLength(255)
  storagePolicy?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  availabilityZone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20_000)
  userDataTemplate?: string | null;

  @Field(() => PoolDomainJoinInput, { nullable: true, description: "null removes the domain join." })
  @IsOptional()
  @ValidateNested()
  domainJoin?: PoolDomainJoinInput | null;

  @Field(() => PoolDesktopLoginInput, { nullable: true, description: "null removes the desktop sign-in." })
  @IsOptional()
  @ValidateNested()
  desktopLogin?: PoolDesktopLoginInput | null;
}

@InputType()
export class CreatePoolInput extends PoolSettingsInput {
  @Field(() => ID)
  @IsUUID("all", { message: "cloudId must be a cloud id" })
  cloudId: string;

  @Field()
  @Length(1, 200)
  name: string;

  @Field({ description: "Glance image id of the golden image." })
  @Length(1, 64)
  imageRef: string;

  @Field({ description: "Flavor id." })
  @Length(1, 64)
  flavorRef: string;

  @Field(() => [String])
  @ArrayMaxSize(16)
  @MaxLength(64, { each: true })
  networkIds: string[];

  @Field(() => [String], { defaultValue: [], description: "Security group names or ids." })
  @ArrayMaxSize(16)
  @MaxLength(255, { each: true })
  securityGroups: string[];

  @Field({ description: "{SEQ} or {SEQ:n} once, optionally {TENANT} and {POOL}; becomes the hostname." })
  @Length(1, 64)
  namePattern: string;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_DESKTOPS)
  minTotal: number;

  @Field(() => Int, { defaultValue: 10 })
  @IsInt()
  @Min(0)
  @Max(MAX_DESKTOPS)
  maxTotal: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_DESKTOPS)
  minAvailable: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_DESKTOPS)
  minRunning: number;

  @Field({ defaultValue: false })
  enforceLimits: boolean;

  @Field({ defaultValue: "UTC" })
  @Length(1, 64)
  timeZone: string;

  @Field(() => [PoolScheduleWindowInput], { defaultValue: [] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  schedule: PoolScheduleWindowInput[];

  @Field(() => ParkedPowerState, { defaultValue: "running" })
  @IsEnum(ParkedPowerState)
  parkedPowerState: ParkedPowerState;

  @Field(() => Int, { defaultValue: 3, description: "0 disables restraint." })
  @IsInt()
  @Min(0)
  @Max(100)
  restraintFailures: number;

  @Field(() => Int, { defaultValue: 10 })
  @IsInt()
  @Min(1)
  @Max(1440)
  restraintWindowMinutes: number;

  @Field({ defaultValue: false })
  deleteOrphans: boolean;

  @Field(() => UserDataKind, { defaultValue: "none" })
  @IsEnum(UserDataKind)
  userDataKind: UserDataKind;
}

@InputType()
export class UpdatePoolInput extends PoolSettingsInput {
  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 64)
  imageRef?: string;

  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 64)
  flavorRef?: string;

  @Field(() => [String], { nullable: true })
  @OptionalNotNull()
  @ArrayMaxSize(16)
  @MaxLength(64, { each: true })
  networkIds?: string[];

  @Field(() => [String], { nullable: true })
  @OptionalNotNull()
  @ArrayMaxSize(16)
  @MaxLength(255, { each: true })
  securityGroups?: string[];

  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 64)
  namePattern?: string;

  @Field(() => Int, { nullable: true })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_DESKTOPS)
  minTotal?: number;

  @Field(() => Int, { nullable: true })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_DESKTOPS)
  maxTotal?: number;

  @Field(() => Int, { nullable: true })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_DESKTOPS)
  minAvailable?: number;

  @Field(() => Int, { nullable: true })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_DESKTOPS)
  minRunning?: number;

  @Field(() => Boolean, { nullable: true })
  @OptionalNotNull()
  enforceLimits?: boolean;

  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 64)
  timeZone?: string;

  @Field(() => [PoolScheduleWindowInput], { nullable: true })
  @OptionalNotNull()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  schedule?: PoolScheduleWindowInput[];

  @Field(() => ParkedPowerState, { nullable: true })
  @OptionalNotNull()
  @IsEnum(ParkedPowerState)
  parkedPowerState?: ParkedPowerState;

  @Field(() => Int, { nullable: true })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  restraintFailures?: number;

  @Field(() => Int, { nullable: true })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(1440)
  restraintWindowMinutes?: number;

  @Field(() => Boolean, { nullable: true })
  @OptionalNotNull()
  deleteOrphans?: boolean;

  @Field(() => UserDataKind, { nullable: true })
  @OptionalNotNull()
  @IsEnum(UserDataKind)
  userDataKind?: UserDataKind;
}
