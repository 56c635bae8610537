import { ProvisioningEventKind, ProvisioningEventLevel } from "@atrium/schema";
import { Field, ID, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";

/**
 * Written when an admin resumes a pool: the controller's restraint counts only the faults after it. Defined here, with
 * the pool events the API shows, because the pools API writes it and the controller only reads it.
 */
export const RESUMED_KIND = ProvisioningEventKind.RESUMED;

@ObjectType("ProvisioningEvent", { description: "What the pool controller did or saw, newest first." })
export class ProvisioningEventType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  poolId: string;

  @Field(() => ID, { nullable: true })
  desktopId: string | null;

  @Field(() => ProvisioningEventKind)
  kind: ProvisioningEventKind;

  @Field(() => ProvisioningEventLevel)
  level: ProvisioningEventLevel;

  @Field()
  message: string;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class ProvisioningEventConnection extends ConnectionType("ProvisioningEvent", ProvisioningEventType) {}
