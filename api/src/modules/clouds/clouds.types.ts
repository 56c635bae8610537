import { CloudStatus } from "@atrium/schema";
import { IsInt, IsOptional, IsUrl, Length, Max, MaxLength, Min } from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection.js";
import { OptionalNotNull } from "../../graphql/validation.js";

@ObjectType("Cloud", { description: "A VHI cluster/region. Its password is write-only." })
export class CloudType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: "Keystone v3 URL." })
  authUrl: string;

  @Field(() => String, { nullable: true })
  region: string | null;

  @Field()
  domainName: string;

  @Field()
  projectName: string;

  @Field()
  username: string;

  @Field(() => CloudStatus)
  status: CloudStatus;

  @Field(() => String, { nullable: true })
  statusMessage: string | null;

  @Field(() => String, { nullable: true })
  maxMicroversion: string | null;

  @Field(() => Date, { nullable: true })
  lastCheckedAt: Date | null;

  @Field(() => Int, { nullable: true, description: "Client-side pacing of the workers' calls; null: unpaced." })
  requestsPerSecond: number | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class CloudConnection extends ConnectionType("Cloud", CloudType) {}

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ["http", "https"] };

@InputType()
export class CreateCloudInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field()
  @IsUrl(URL_OPTIONS, { message: "authUrl must be an http(s) URL" })
  @MaxLength(1000)
  authUrl: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  region?: string | null;

  @Field()
  @Length(1, 255)
  domainName: string;

  @Field()
  @Length(1, 255)
  projectName: string;

  @Field()
  @Length(1, 255)
  username: string;

  @Field()
  @Length(1, 1024)
  password: string;

  @Field(() => Int, { nullable: true, description: "Pace worker calls (1–1000/s); null: unpaced." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  requestsPerSecond?: number | null;
}

@InputType()
export class UpdateCloudInput {
  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @IsUrl(URL_OPTIONS, { message: "authUrl must be an http(s) URL" })
  @MaxLength(1000)
  authUrl?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  region?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 255)
  domainName?: string;

  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 255)
  projectName?: string;

  @Field(() => String, { nullable: true })
  @OptionalNotNull()
  @Length(1, 255)
  username?: string;

  @Field(() => String, { nullable: true, description: "Replaces the stored password." })
  @OptionalNotNull()
  @Length(1, 1024)
  password?: string;

  @Field(() => Int, { nullable: true, description: "Pace worker calls (1–1000/s); null: unpaced." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  requestsPerSecond?: number | null;
}
