import { ArrayMinSize, IsDate, IsIn, IsOptional, Length } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { API_KEY_SCOPES, type ApiKeyScope } from "../../auth/permissions.js";

@ObjectType("ApiKey", { description: "A service account for integrations. The secret is shown only when created." })
export class ApiKeyType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: "Public part of the key, to recognise it in lists." })
  prefix: string;

  @Field(() => [String])
  scopes: string[];

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

  @Field(() => [String], { description: `Any of: ${API_KEY_SCOPES.join(", ")}.` })
  @ArrayMinSize(1)
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes: ApiKeyScope[];

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}
