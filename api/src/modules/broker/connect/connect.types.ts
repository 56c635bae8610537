import { ConnectMethod, DisplayProtocol, PowerState, UserPowerAction } from "@atrium/schema";
import { IsEnum, IsOptional, IsUUID } from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";

@ObjectType("DesktopOffer", { description: "A desktop the signed-in user may use now." })
export class DesktopOfferType {
  @Field(() => ID)
  desktopId: string;

  @Field()
  name: string;

  @Field(() => ID)
  poolId: string;

  @Field()
  poolName: string;

  @Field({ description: "Already assigned to you (reconnect)." })
  assignedToYou: boolean;

  @Field()
  persistent: boolean;

  @Field(() => PowerState)
  powerState: PowerState;

  @Field(() => [DisplayProtocol], { description: "Protocols you can use from where you are." })
  protocols: DisplayProtocol[];

  @Field(() => [UserPowerAction], { description: "Power actions you may take." })
  powerActions: UserPowerAction[];
}

@InputType()
export class ConnectInput {
  @Field(() => ID, { nullable: true, description: "A desktop from your offers." })
  @IsOptional()
  @IsUUID("all", { message: "desktopId must be an id" })
  desktopId?: string | null;

  @Field(() => ID, { nullable: true, description: "Or any free desktop of this pool (the broker picks)." })
  @IsOptional()
  @IsUUID("all", { message: "poolId must be an id" })
  poolId?: string | null;

  @Field(() => DisplayProtocol, {
    nullable: true,
    description: "RDP, VNC, SSH or HTML5; default: the plan's first usable.",
  })
  @IsOptional()
  @IsEnum(DisplayProtocol)
  protocol?: DisplayProtocol | null;
}

@ObjectType("ConnectResult", { description: "How to reach the assigned desktop." })
export class DesktopConnectionType {
  @Field(() => ID)
  desktopId: string;

  @Field()
  desktopName: string;

  @Field(() => ID)
  sessionId: string;

  @Field(() => DisplayProtocol)
  protocol: DisplayProtocol;

  @Field(() => ConnectMethod)
  method: ConnectMethod;

  @Field(() => String, { nullable: true, description: "Desktop address (direct); null while it has none yet." })
  host: string | null;

  @Field(() => Int)
  port: number;

  @Field(() => String, { nullable: true, description: "Contents of an .rdp file (direct RDP only)." })
  rdpFile: string | null;

  @Field(() => String, { nullable: true, description: "Single-use gateway ticket, bound to you and this client." })
  ticket: string | null;

  @Field(() => Date, { nullable: true })
  ticketExpiresAt: Date | null;

  @Field({ description: "True when the desktop was not running and has been asked to start." })
  starting: boolean;
}

@ObjectType("ReleaseResult")
export class ReleaseResultType {
  @Field(() => ID)
  desktopId: string;

  @Field()
  released: boolean;
}
