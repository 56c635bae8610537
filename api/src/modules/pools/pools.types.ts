import { Field, ID, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";

@ObjectType("Pool", { description: "Desktops built from one golden image, scaled by the pool controller." })
export class PoolType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field({ description: "Golden image (Glance id)." })
  imageRef: string;

  @Field()
  flavorRef: string;

  @Field(() => [String])
  networkIds: string[];

  @Field(() => [String])
  securityGroups: string[];

  @Field(() => Int, { nullable: true })
  bootVolumeGb: number | null;

  @Field(() => String, { nullable: true })
  storagePolicy: string | null;

  @Field(() => String, { nullable: true })
  availabilityZone: string | null;

  @Field()
  namePattern: string;

  @Field(() => Int)
  minTotal: number;

  @Field(() => Int)
  maxTotal: number;

  @Field(() => Int)
  minAvailable: number;

  @Field(() => Int)
  minRunning: number;

  @Field()
  enforceLimits: boolean;

  @Field({ description: "active, paused or draining." })
  status: string;

  @Field(() => String, { nullable: true })
  statusReason: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class PoolConnection extends ConnectionType("Pool", PoolType) {}
