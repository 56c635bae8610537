import { ArrayMaxSize, IsIn, IsOptional, Length, MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ConnectionType } from "../../../graphql/connection.js";
import { OptionalNotNull } from "../../../graphql/validation.js";

@ObjectType("LocationTimeWindow")
export class LocationTimeWindowType {
  @Field(() => [String], { description: "Days the window starts on: mon … sun." })
  days: string[];

  @Field({ description: "HH:MM local time." })
  start: string;

  @Field({ description: "HH:MM (or 24:00), exclusive; at or before start means the window crosses midnight." })
  end: string;

  @Field({ description: "IANA time zone, e.g. Europe/Berlin." })
  timeZone: string;
}

@ObjectType("Location", { description: "Where and how a client connects; assignment rules refer to locations." })
export class LocationType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => [String], { description: "IPv4/IPv6 addresses or CIDR ranges; the client must be in one." })
  cidrs: string[];

  @Field(() => [String], { description: "web, native or api." })
  clientKinds: string[];

  @Field({ description: "yes: only through the gateway; no: only direct; any." })
  viaGateway: string;

  @Field(() => [LocationTimeWindowType], { description: "When the location applies; empty: always." })
  timeWindows: LocationTimeWindowType[];

  @Field({ description: "True for an MSP-wide default location." })
  mspDefault: boolean;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class LocationConnection extends ConnectionType("Location", LocationType) {}

@InputType()
export class LocationTimeWindowInput {
  @Field(() => [String])
  @ArrayMaxSize(7)
  @MaxLength(3, { each: true })
  days: string[];

  @Field()
  @MaxLength(5)
  start: string;

  @Field()
  @MaxLength(5)
  end: string;

  @Field()
  @MaxLength(64)
  timeZone: string;
}

@InputType()
export class CreateLocationInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  description?: string | null;

  @Field(() => [String])
  @ArrayMaxSize(500)
  @MaxLength(64, { each: true })
  cidrs: string[];

  @Field(() => [String], { defaultValue: ["web", "native", "api"] })
  @ArrayMaxSize(3)
  @MaxLength(16, { each: true })
  clientKinds: string[];

  @Field({ defaultValue: "any" })
  @IsIn(["yes", "no", "any"])
  viaGateway: string;

  @Field(() => [LocationTimeWindowInput], { defaultValue: [] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  timeWindows: LocationTimeWindowInput[];
}

@InputType()
export class UpdateLocationInput {
  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  description?: string | null;

  @Field(() => [String], { nullable: true })
  @OptionalNotNull()
  @ArrayMaxSize(500)
  @MaxLength(64, { each: true })
  cidrs?: string[];

  @Field(() => [String], { nullable: true })
  @OptionalNotNull()
  @ArrayMaxSize(3)
  @MaxLength(16, { each: true })
  clientKinds?: string[];

  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @IsIn(["yes", "no", "any"])
  viaGateway?: string;

  @Field(() => [LocationTimeWindowInput], { nullable: true })
  @OptionalNotNull()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  timeWindows?: LocationTimeWindowInput[];
}
