import { ArrayMaxSize, IsOptional, IsUUID, Length } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

@InputType({
  description:
    "Who gets a pool: an existing policy offers it too, or a new policy for chosen groups (name and groups).",
})
export class OfferPoolInput {
  @Field(() => ID, { nullable: true, description: "Add the pool to this policy (its users see it at once)." })
  @IsOptional()
  @IsUUID("all")
  policyId?: string | null;

  @Field(() => String, { nullable: true, description: "Or create a policy of this name offering the pool…" })
  @IsOptional()
  @Length(1, 200)
  newPolicyName?: string | null;

  @Field(() => [ID], {
    defaultValue: [],
    description: "…to the members of these groups: one rule each, placed before the existing rules.",
  })
  @ArrayMaxSize(50)
  @IsUUID("all", { each: true })
  groupIds: string[];
}
