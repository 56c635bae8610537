import { ActorType } from "@atrium/schema";
import { IsOptional, MaxLength } from "class-validator";
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
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  action?: string | null;
}
