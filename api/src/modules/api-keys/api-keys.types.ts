import { ApiKeyScope } from "@atrium/schema";
import { ArrayMinSize, IsDate, IsEnum, IsOptional, Length } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";

@ObjectType("ApiKey", { description: "A service account for integrations. The secret is shown only when created." })
export class ApiKeyType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: "Public part of the key, to recognise it in lists." })
  prefix: string;

  @Field(() => [ApiKeyScope])
  scopes: ApiKeyScope[];

  @Field({ description: "True when the key acts for one tenant only." })
  tenantBound: boolean;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKeyType)
  apiKey: ApiKeyType;

  @Field({ description: "The full key. Store it now: it cannot be shown again." })
  secret: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => [ApiKeyScope])
  @ArrayMinSize(1)
  @IsEnum(ApiKeyScope, { each: true })
  scopes: ApiKeyScope[];

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}
