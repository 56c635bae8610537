import { ClientKind, LocationGatewayMode, Weekday } from "@atrium/schema";
import { ArrayMaxSize, IsEnum, IsOptional, Length, MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ConnectionType } from "../../../graphql/connection.js";
import { OptionalNotNull } from "../../../graphql/validation.js";

@ObjectType("LocationTimeWindow")
export class LocationTimeWindowType {
  @Field(() => [Weekday], { description: "Days the window starts on." })
  days: Weekday[];

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

  @Field(() => [ClientKind])
  clientKinds: ClientKind[];

  @Field(() => LocationGatewayMode)
  viaGateway: LocationGatewayMode;

  @Field(() => [LocationTimeWindowType], { description: "When the location applies; empty: always." })
  timeWindows: LocationTimeWindowType[];

  @Field({ description: "True for an MSP-wide default location." })
  mspDefault: boolean;

  @Field()
  createdAt: Date;

  @Field({ description: "Send it back as expectedUpdatedAt when editing, so a stale copy is refused." })
  updatedAt: Date;
}

@ObjectType()
export class LocationConnection extends ConnectionType("Location", LocationType) {}

@InputType()
export class LocationTimeWindowInput {
  @Field(() => [Weekday])
  @ArrayMaxSize(7)
  @MaxLength(3, { each: true })
  @IsEnum(Weekday, { each: true })
  days: Weekday[];

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

  @Field(() => [ClientKind], { defaultValue: ["web", "native", "api"] })
  @ArrayMaxSize(3)
  @MaxLength(16, { each: true })
  @IsEnum(ClientKind, { each: true })
  clientKinds: ClientKind[];

  @Field(() => LocationGatewayMode, { defaultValue: "any" })
  @IsEnum(LocationGatewayMode)
  viaGateway: LocationGatewayMode;

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

  @Field(() => [ClientKind], { nullable: true })
  @OptionalNotNull()
  @ArrayMaxSize(3)
  @MaxLength(16, { each: true })
  @IsEnum(ClientKind, { each: true })
  clientKinds?: ClientKind[];

  @Field(() => LocationGatewayMode, { nullable: true })
  @OptionalNotNull()
  @IsEnum(LocationGatewayMode)
  viaGateway?: LocationGatewayMode;

  @Field(() => [LocationTimeWindowInput], { nullable: true })
  @OptionalNotNull()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  timeWindows?: LocationTimeWindowInput[];
}
