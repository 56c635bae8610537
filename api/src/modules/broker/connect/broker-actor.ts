import type { Policy, PoolEntitlement, User } from "@atrium/schema";
import type { Ctx } from "../../../context/ctx.js";
import { unauthenticated } from "../../../errors/app-error.js";
import {
  type AccessOutcome,
  type ClientContext,
  clientOfRequest,
  decideForUser,
  findTenantUser,
} from "../../access/index.js";
import { accessDenied } from "../broker.errors.js";

/** The signed-in end user with the access decision for this request: the policy and its entitlements. */
export interface BrokerActor {
  user: User;
  client: ClientContext;
  outcome: AccessOutcome;
  policy: Policy;
  entitlements: PoolEntitlement[];
  now: Date;
  /** performance.now() when the request started deciding, for the connect latency in broker reports. */
  startedMs: number;
}

/**
 * Re-runs the assignment rules for this request (client address, now): access is enforced at offer and connect,
 * not only at sign-in, so a user who moved outside the office or past a time window is stopped here.
 */
export async function brokerActor(ctx: Ctx): Promise<BrokerActor> {
  const startedMs = performance.now();
  const db = ctx.db.requireTenant();
  if (ctx.principal.kind !== "user") throw unauthenticated("Desktops are for signed-in users");
  const { account } = ctx.principal;
  const user = account.tenantId === db.tenantId ? account : await findTenantUser(db, ctx.principal.userId);
  if (!user || user.disabled) throw unauthenticated();
  const now = ctx.services.clock();
  const client = clientOfRequest(ctx);
  const outcome = await decideForUser(db, user, client, now);
  if (!outcome.decision.allowed) throw accessDenied(outcome.decision.detail);
  if (!outcome.policy) throw accessDenied("the policy named by your assignment rule no longer exists");
  const entitlements = await db.poolEntitlements.find({
    where: { policyId: outcome.policy.id },
    order: { position: "ASC" },
  });
  return { user, client, outcome, policy: outcome.policy, entitlements, now, startedMs };
}
