import { ExternalIdentityLink, IdentityProviderKind } from "@atrium/schema";
import { IsUUID, Length } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";

@ObjectType("ExternalIdentity", {
  description: "An account at an identity provider (its immutable subject) linked to an Atrium user.",
})
export class ExternalIdentityType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  userId: string;

  @Field(() => ID)
  providerId: string;

  @Field()
  providerName: string;

  @Field(() => IdentityProviderKind)
  providerKind: IdentityProviderKind;

  @Field({ description: "objectGUID, entryUUID, SAML NameID or attribute, OIDC issuer|sub." })
  subject: string;

  @Field(() => ExternalIdentityLink)
  linkedBy: ExternalIdentityLink;

  @Field()
  createdAt: Date;
}

@InputType()
export class LinkExternalIdentityInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field(() => ID)
  @IsUUID()
  providerId: string;

  @Field({ description: "The provider's immutable id of the person, as the provider sends it." })
  @Length(1, 512)
  subject: string;
}
