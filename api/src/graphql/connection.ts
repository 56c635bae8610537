import { IsOptional, Max, MaxLength, Min } from "class-validator";
import { ArgsType, type ClassType, Field, Int, ObjectType } from "type-graphql";

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 50, description: "Page size, 1 to 200." })
  @Min(1)
  @Max(200)
  first: number;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." })
  @IsOptional()
  @MaxLength(500)
  after?: string | null;
}

export interface Page<T> {
  nodes: T[];
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay-style connection type for `itemType`, named `<name>Connection` with `<name>Edge`. */
export function ConnectionType<T extends object>(name: string, itemType: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => itemType)
    node: T;

    @Field()
    cursor: string;
  }

  // Never referenced by a resolver itself, so type-graphql does not emit it; subclasses carry the real name.
  @ObjectType(`${name}ConnectionBase`)
  abstract class Connection {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => [itemType])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  return Connection;
}
