import type { Ctx } from "./ctx.js";

export { withTransaction } from "./ctx.js";

/** The request-time name of `Ctx`, kept while modules move to the one context type. */
export type RequestContext = Ctx;
