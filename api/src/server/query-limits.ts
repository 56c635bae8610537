import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from "graphql";
import type { AppConfig } from "../config/env.js";

export type QueryLimitSettings = Pick<
  AppConfig,
  "GRAPHQL_MAX_TOKENS" | "GRAPHQL_MAX_DEPTH" | "GRAPHQL_MAX_ALIASES" | "GRAPHQL_MAX_DIRECTIVES" | "GRAPHQL_MAX_COST"
>;

export interface QueryLimits {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
}

/** graphql-armor prefixes every refusal with "Syntax Error: ", which these are not; the limit itself is kept. */
function reportRefusal(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, "")));
}

const refusal = { propagateOnRejection: false, onReject: [reportRefusal] };

/**
 * What one document may cost before anything runs. It is all checked before authentication: validation does not
 * depend on the caller, so an anonymous request gets the same budget as a signed-in one.
 *
 * - Tokens: graphql-js stops the parser itself at `maxTokens`, so an oversized document is never built into a tree.
 *   The token limit is also what bounds validation itself: graphql-js's overlapping-fields rule compares every pair
 *   of selections answering under one name, so one field repeated through ~n/6 inline fragments (or ~n/2 spreads
 *   of one fragment) costs O(n²) to validate, and every limit here accepts it. At 2,000 tokens that document took
 *   80 ms to answer anonymously and /readyz waited behind it (npm run bench -- fuzz); at 1,000 it is a quarter of
 *   that, with ten times the portal's largest document (105 tokens) to spare. A pre-check of our own would walk the
 *   same document a second time for a bound the parser already enforces for free.
 * - Depth, aliases, directives and field cost: graphql-armor's rules. Each walks a fragment once and reuses its
 *   measure at every further spread, so a fan of n fragments that each spread the next twice is measured in O(n)
 *   while its cost is counted as expanded (about 3^n) and refused. graphql-depth-limit, used before, walked every
 *   spread again (2^n work with the event loop blocked) and recursed without end on a fragment cycle. A cycle is
 *   now reported by graphql-js's NoFragmentCyclesRule as a 400; the armor rules stop at a fragment they are inside.
 * - Introspection counts like any other field: `__schema { types { fields { type { fields … } } } }` multiplies
 *   the whole schema at every level, and graphql-depth-limit let it through.
 * - The cost of a list is multiplied by a literal `first`; a `first` passed as a variable is capped by the
 *   connection arguments (at most 200 rows a page): the cost bounds the document's shape, the cap its rows.
 * Batched HTTP requests (a JSON array of operations) stay refused, Apollo's default: one request, one budget.
 */
export function queryLimitsOf(settings: QueryLimitSettings): QueryLimits {
  return {
    parseOptions: { maxTokens: settings.GRAPHQL_MAX_TOKENS },
    validationRules: [
      maxDepthRule({ n: settings.GRAPHQL_MAX_DEPTH, ignoreIntrospection: false, ...refusal }),
      maxAliasesRule({ n: settings.GRAPHQL_MAX_ALIASES, ...refusal }),
      maxDirectivesRule({ n: settings.GRAPHQL_MAX_DIRECTIVES, ...refusal }),
      costLimitRule({ maxCost: settings.GRAPHQL_MAX_COST, ignoreIntrospection: false, ...refusal }),
    ],
  };
}
