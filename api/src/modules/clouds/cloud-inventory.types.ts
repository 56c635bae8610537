import { CloudStatus } from "@atrium/schema";
import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType("CloudImage", { description: "A Glance image usable as a pool's golden image." })
export class CloudImageType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  status: string;

  @Field(() => String, { nullable: true, description: "os_type of the image: windows, linux…" })
  osType: string | null;

  @Field(() => Int)
  minDiskGb: number;

  @Field(() => Int)
  minRamMb: number;
}

@ObjectType("CloudFlavor")
export class CloudFlavorType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Int)
  vcpus: number;

  @Field(() => Int)
  ramMb: number;

  @Field(() => Int)
  diskGb: number;
}

@ObjectType("CloudNetwork")
export class CloudNetworkType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  shared: boolean;

  @Field()
  external: boolean;
}

@ObjectType("CloudSecurityGroup")
export class CloudSecurityGroupType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  description: string;
}

@ObjectType("CloudVolumeType", { description: "A VHI storage policy (Cinder volume type) for boot volumes." })
export class CloudVolumeTypeType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  description: string;
}

@ObjectType("CloudAvailabilityZone")
export class CloudAvailabilityZoneType {
  @Field()
  name: string;

  @Field()
  available: boolean;
}

@ObjectType("CloudInventory", { description: "What a pool can be built from, as the cloud reports it right now." })
export class CloudInventoryType {
  @Field(() => ID)
  cloudId: string;

  @Field(() => [CloudImageType], { description: "Active images only." })
  images: CloudImageType[];

  @Field(() => [CloudFlavorType], { description: "Enabled flavors only." })
  flavors: CloudFlavorType[];

  @Field(() => [CloudNetworkType])
  networks: CloudNetworkType[];

  @Field(() => [CloudSecurityGroupType])
  securityGroups: CloudSecurityGroupType[];

  @Field(() => [CloudVolumeTypeType])
  volumeTypes: CloudVolumeTypeType[];

  @Field(() => [CloudAvailabilityZoneType])
  availabilityZones: CloudAvailabilityZoneType[];
}

@ObjectType("PoolCloud", { description: "A cloud a tenant admin may build pools on (no connection details)." })
export class PoolCloudType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  region: string | null;

  @Field(() => CloudStatus, { description: "The result of the MSP's last connection check." })
  status: CloudStatus;

  @Field({ description: "Whether a new pool can be built on it now (false while its last check failed)." })
  available: boolean;
}
