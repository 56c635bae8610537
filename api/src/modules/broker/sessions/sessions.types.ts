import { DesktopSessionState, DisplayProtocol, SessionEndReason } from "@atrium/schema";
import { IsBoolean, IsEnum, IsOptional, IsUUID } from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../../graphql/connection.js";

@ObjectType("DesktopSession", {
  description: "A user's session on a desktop, from connect (or a rogue login) to logout.",
})
export class DesktopSessionType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  desktopId: string;

  @Field({ description: "The desktop's name, or empty when the desktop has since been deleted." })
  desktopName: string;

  @Field(() => ID, { nullable: true })
  userId: string | null;

  @Field()
  username: string;

  @Field(() => DesktopSessionState)
  state: DesktopSessionState;

  @Field({ description: "A login the broker did not hand out (seen by the desktop agent)." })
  rogue: boolean;

  @Field(() => DisplayProtocol, { nullable: true })
  protocol: DisplayProtocol | null;

  @Field()
  viaGateway: boolean;

  @Field(() => String, { nullable: true })
  clientIp: string | null;

  @Field()
  startedAt: Date;

  @Field(() => Date, { nullable: true })
  lastEventAt: Date | null;

  @Field(() => Date, { nullable: true })
  endedAt: Date | null;

  @Field(() => SessionEndReason, { nullable: true })
  endReason: SessionEndReason | null;

  @Field(() => Int, { description: "Seconds from start to end, or to now for a session still open." })
  durationSeconds: number;
}

@ObjectType()
export class DesktopSessionConnection extends ConnectionType("DesktopSession", DesktopSessionType) {}

@InputType()
export class DesktopSessionFilter {
  @Field({ nullable: true, description: "Only sessions that have not ended (the 'sessions now' view)." })
  @IsOptional()
  @IsBoolean()
  openOnly?: boolean;

  @Field(() => DesktopSessionState, { nullable: true })
  @IsOptional()
  @IsEnum(DesktopSessionState)
  state?: DesktopSessionState | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "userId must be a user id" })
  userId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "desktopId must be a desktop id" })
  desktopId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "poolId must be a pool id" })
  poolId?: string | null;

  @Field(() => Date, { nullable: true, description: "Sessions that started at or after this instant." })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Sessions that started before this instant." })
  @IsOptional()
  to?: Date | null;
}
