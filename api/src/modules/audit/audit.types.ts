import { ActorType } from "@atrium/schema";
import { IsEnum, IsOptional, IsUUID, MaxLength } from "class-validator";
import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";

@ObjectType("AuditEvent")
export class AuditEventType {
  @Field(() => ID)
  id: string;

  @Field(() => ActorType)
  actorType: ActorType;

  @Field()
  actorName: string;

  @Field()
  action: string;

  @Field(() => String, { nullable: true })
  targetType: string | null;

  @Field(() => String, { nullable: true })
  targetId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The target's current name; for an object since deleted, the name its entry recorded.",
  })
  targetName: string | null;

  @Field({ description: "False when the target no longer exists (or is not a kind the tenant owns)." })
  targetExists: boolean;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "State before the change; secrets redacted." })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "State after the change; secrets redacted." })
  after: Record<string, unknown> | null;

  @Field()
  createdAt: Date;

  tenantId: string | null;
}

@ObjectType()
export class AuditEventConnection extends ConnectionType("AuditEvent", AuditEventType) {}

@InputType()
export class AuditFilter {
  @Field(() => String, { nullable: true, description: "The exact action name (signIn, updateAssignmentRule…)." })
  @IsOptional()
  @MaxLength(100)
  action?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Part of the actor's name (user name, api-key:…, job), any case.",
  })
  @IsOptional()
  @MaxLength(255)
  actor?: string | null;

  @Field(() => ActorType, { nullable: true })
  @IsOptional()
  @IsEnum(ActorType)
  actorType?: ActorType | null;

  @Field(() => String, { nullable: true, description: "The target's kind (User, Pool, AssignmentRule…)." })
  @IsOptional()
  @MaxLength(64)
  targetType?: string | null;

  @Field(() => ID, { nullable: true, description: "One object's history." })
  @IsOptional()
  @IsUUID("all")
  targetId?: string | null;

  @Field(() => Date, { nullable: true, description: "From this instant on (included)." })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Before this instant (excluded)." })
  @IsOptional()
  to?: Date | null;
}
