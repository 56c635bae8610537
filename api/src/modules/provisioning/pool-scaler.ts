import { randomUUID } from "node:crypto";
import type { Desktop } from "@atrium/schema";
import { In, Not } from "typeorm";
import {
  instancesThatFit,
  isVhiError,
  serviceLabel,
  VhiQuotaExceededError,
  VhiRateLimitedError,
  VhiTransientError,
} from "../../clouds/vhi/index.js";
import { poolReferenceProblem } from "../clouds/project-ownership.js";
import { issueDesktopAgentTokens } from "../desktop-agent/index.js";
import { effectiveSizes, renderDesktopName } from "../pools/index.js";
import { growWaiting, recordGrowAttempt } from "./grow-backoff.js";
import type { PassContext } from "./pool-pass.types.js";
import { FAULT_KIND } from "./provisioning-events.js";
import { planScale } from "./scaling-plan.js";
import { META_DESKTOP, META_POOL, META_TENANT, poolTag, requestTag } from "./server-observation.js";
import { renderUserData } from "./user-data.js";

export interface ScaleOutcome {
  created: number;
  removed: number;
  /** Why the pool could not grow to its target, if it could not. */
  blocked: string | null;
}

/** Parallel creates per pass; the cloud limiter paces them, this only keeps enough requests in flight. */
const CREATE_CONCURRENCY = 4;
/** Desktop rows per INSERT statement. */
const INSERT_CHUNK = 100;
/** Server ids of this many answered creates are written together (the portal sees progress between batches). */
const CREATED_ROWS_PER_WRITE = 25;

export async function scalePool(pass: PassContext): Promise<ScaleOutcome> {
  const { pool } = pass;
  const sizes =
    pool.status === "draining"
      ? { minTotal: 0, maxTotal: 0, minAvailable: 0, minRunning: 0 }
      : effectiveSizes(pool, pass.now);
  const plan = planScale(
    sizes,
    pass.desktops.map((d) => ({
      id: d.id,
      seq: d.seq,
      assigned: d.assignedUserId !== null || d.availability === "assigned" || d.sessionState !== "none",
      // Deleting the pool takes its out-of-service desktops too; otherwise they are held, not free.
      outOfService: d.outOfService && pool.status !== "draining",
      deleting: d.provisioningState === "deleting" || d.desiredPowerState === "deleted",
      broken: d.provisioningState === "failed" || d.provisioningState === "vanished",
      provisioning: d.provisioningState === "pending" || d.provisioningState === "building",
      running: d.observedPowerState === "running",
    })),
    pool.enforceLimits || pool.status === "draining",
  );
  for (const id of plan.remove) {
    const desktop = pass.desktops.find((d) => d.id === id)!;
    await pass.patchDesktop(desktop, { desiredPowerState: "deleted", availability: "deleting" });
    await pass.event({ kind: "scale-down", level: "info", message: `Removing ${desktop.name}`, desktopId: id });
  }
  if (pool.status !== "active") return { created: 0, removed: plan.remove.length, blocked: null };

  await insertRows(pass, plan.create);
  const waiting = pass.desktops.filter(
    (d) => d.provisioningState === "pending" && !d.serverId && d.desiredPowerState !== "deleted",
  );
  if (waiting.length === 0) {
    await recordGrowAttempt(pass, false, 0);
    return {
      created: 0,
      removed: plan.remove.length,
      blocked: plan.cappedBy ? `capped by maxTotal ${sizes.maxTotal}` : null,
    };
  }
  if (growWaiting(pass)) {
    return { created: 0, removed: plan.remove.length, blocked: pool.lastError ?? "waiting for quota" };
  }
  const problem = await poolReferenceProblem(pass.client, await pass.client.projectId(pass.signal), pool, pass.signal);
  if (problem) {
    await stopForReferences(pass, problem);
    return { created: 0, removed: plan.remove.length, blocked: null };
  }
  const fit = await quotaHeadroom(pass);
  const batch = waiting.slice(0, Math.min(fit.count, pass.deps.maxBatch ?? 100));
  let blocked = batch.length < waiting.length && fit.count < waiting.length ? fit.reason : null;
  // Count the attempt of the whole batch in one statement before any create leaves: from here on each of these
  // desktops may have a server, and the next pass looks it up by marker before creating again.
  await pass.ctx.db.desktops.increment({ id: In(batch.map((d) => d.id)) }, "createAttempts", 1);
  for (const desktop of batch) desktop.createAttempts += 1;
  pass.checkpoint("create:marked");
  const agentTokens = await issueAgentTokens(pass, batch);
  let created = 0;
  let stop = false;
  const queue = [...batch];
  const worker = async () => {
    for (let desktop = queue.shift(); desktop && !stop; desktop = queue.shift()) {
      const result = await createServer(pass, desktop, agentTokens.get(desktop.id));
      if (result === "created") {
        created += 1;
        // The other workers keep their creates in flight while this one writes the batch.
        if (created % CREATED_ROWS_PER_WRITE === 0) await pass.flushDesktops();
      } else if (result !== "failed") {
        stop = true;
        if (result !== "retry-later") blocked = result;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CREATE_CONCURRENCY, batch.length) }, worker));
  await pass.flushDesktops();
  await recordGrowAttempt(pass, blocked !== null, created);
  return { created, removed: plan.remove.length, blocked };
}

/** The pool can no longer be built as it is: pause it with the reason until an admin fixes it and resumes it. */
async function stopForReferences(pass: PassContext, problem: string): Promise<void> {
  const reason = `Stopped: ${problem}`;
  pass.pool.status = "paused";
  pass.pool.statusReason = reason;
  await pass.ctx.db.pools.updateWhere({ id: pass.pool.id }, { status: "paused", statusReason: reason });
  await pass.event({ kind: "paused", level: "error", message: reason });
}

/** New rows first, numbered from the pool's sequence in one transaction, so a crash never loses or reuses a name. */
async function insertRows(pass: PassContext, count: number): Promise<void> {
  if (count <= 0) return;
  const { pool, tenant } = pass;
  const nameOf = (seq: number) =>
    renderDesktopName(pool.namePattern, { seq, tenantSlug: tenant.slug, poolName: pool.name });
  const rows = await pass.ctx.db.transaction(async (tx) => {
    const seqs = await freeSeqs(tx, pool.id, pool.nextSeq, count, nameOf);
    const next = seqs[seqs.length - 1]! + 1;
    await tx.pools.updateWhere({ id: pool.id }, { nextSeq: next });
    const values = seqs.map((seq): Partial<Desktop> => {
      return {
        poolId: pool.id,
        seq,
        name: nameOf(seq),
        provisioningState: "pending",
        availability: "provisioning",
        desiredPowerState: "running",
        observedPowerState: "unknown",
        requestMarker: randomUUID(),
        serverId: null,
        assignedUserId: null,
        lastError: null,
      };
    });
    // Multi-row INSERTs hand back the rows with their ids and column defaults (save() took three times as long
    // here); chunks keep each statement under SQL Server's 2,100 parameters.
    const inserted: Desktop[] = [];
    for (let start = 0; start < values.length; start += INSERT_CHUNK) {
      inserted.push(...(await tx.desktops.insertMany(values.slice(start, start + INSERT_CHUNK))));
    }
    return inserted;
  });
  pool.nextSeq = rows[rows.length - 1]!.seq + 1;
  pass.desktops.push(...rows);
  pass.checkpoint("scale:rows-inserted");
}

/**
 * The next `count` sequence numbers from `first` whose names no other desktop of the tenant holds: pools created
 * before patterns were checked against each other (both `{TENANT}-{SEQ:3}`) must not hand out the same hostname.
 */
async function freeSeqs(
  tx: PassContext["ctx"]["db"],
  poolId: string,
  first: number,
  count: number,
  nameOf: (seq: number) => string,
): Promise<number[]> {
  const seqs: number[] = [];
  for (let from = first; seqs.length < count; from += count) {
    const window = Array.from({ length: count }, (_, index) => from + index);
    const taken = await tx.desktops.find({
      select: { name: true },
      where: { name: In(window.map(nameOf)), poolId: Not(poolId) },
    });
    const names = new Set(taken.map((desktop) => desktop.name.toLowerCase()));
    seqs.push(...window.filter((seq) => !names.has(nameOf(seq).toLowerCase())).slice(0, count - seqs.length));
  }
  return seqs;
}

/**
 * One fresh agent token per server about to be created, for its user-data only: the token is never stored in clear
 * nor sent again, and a later create of the same desktop replaces it, so a failed or duplicate server's token dies.
 */
async function issueAgentTokens(pass: PassContext, batch: Desktop[]): Promise<Map<string, string>> {
  if (pass.pool.userDataKind === "none" || !pass.deps.brokerUrl) return new Map();
  const tokens = await issueDesktopAgentTokens(
    pass.ctx.db.requireTenant(),
    batch.map((desktop) => desktop.id),
  );
  pass.checkpoint("create:tokens");
  return tokens;
}

async function quotaHeadroom(pass: PassContext): Promise<{ count: number; reason: string }> {
  const [limits, flavors] = await Promise.all([
    pass.client.limits.get(pass.signal),
    pass.client.flavors.list(pass.signal),
  ]);
  const flavor = flavors.find((f) => f.id === pass.pool.flavorRef || f.name === pass.pool.flavorRef);
  if (!flavor) return { count: 0, reason: `flavor ${pass.pool.flavorRef} does not exist on the cloud` };
  const count = instancesThatFit(limits, { vcpus: flavor.vcpus, ramMb: flavor.ramMb });
  const reason =
    `quota: ${Number.isFinite(count) ? count : "unlimited"} more fit ` +
    `(instances ${limits.instances.used}/${limits.instances.limit}, cores ${limits.cores.used}/${limits.cores.limit}, ` +
    `RAM ${limits.ramMb.used}/${limits.ramMb.limit} MB)`;
  return { count, reason };
}

type CreateResult = "created" | "failed" | "retry-later" | string;

/** The blocked reason the portal shows: which service refused, which quota, and the cloud's own numbers. */
function quotaRefusal(error: VhiQuotaExceededError): string {
  const service = serviceLabel(error);
  const resources = error.resources.length > 0 ? error.resources.join(", ") : "unnamed resource";
  return `quota exceeded (${resources}): ${service} refused: ${error.message}`;
}

/**
 * The marker is stored (and counted as an attempt) before the call: whatever happens next, the next pass can tell
 * "never sent" from "maybe created" and looks the server up by its marker tag before trying again.
 */
async function createServer(pass: PassContext, desktop: Desktop, agentToken?: string): Promise<CreateResult> {
  const { pool, tenant } = pass;
  if (!desktop.requestMarker) await pass.patchDesktop(desktop, { requestMarker: randomUUID() });
  try {
    const created = await pass.client.servers.create(
      {
        name: desktop.name,
        flavorRef: pool.flavorRef,
        imageRef: pool.imageRef,
        bootVolume: pool.bootVolumeGb
          ? { sizeGb: pool.bootVolumeGb, volumeType: pool.storagePolicy ?? undefined, deleteOnTermination: true }
          : undefined,
        networks: pool.networkIds,
        securityGroups: pool.securityGroups.length > 0 ? pool.securityGroups : undefined,
        availabilityZone: pool.availabilityZone ?? undefined,
        metadata: { [META_DESKTOP]: desktop.id, [META_POOL]: pool.id, [META_TENANT]: tenant.slug },
        tags: ["atrium", poolTag(pool.id), requestTag(desktop.requestMarker!)],
        userData: renderUserData({
          kind: pool.userDataKind,
          hostname: desktop.name,
          extra: pool.userDataTemplate,
          agent: agentToken && pass.deps.brokerUrl ? { brokerUrl: pass.deps.brokerUrl, token: agentToken } : null,
          domainJoin: pool.domainJoin
            ? {
                domain: pool.domainJoin.domain,
                ou: pool.domainJoin.ou,
                username: pool.domainJoin.username,
                password: pass.ctx.services.secretBox.open(pool.domainJoin.passwordEnc),
              }
            : null,
        }),
      },
      pass.signal,
    );
    pass.checkpoint("create:sent");
    pass.queueDesktop(desktop, {
      serverId: created.id,
      provisioningState: "building",
      observedPowerState: "building",
      imageRef: pool.imageRef,
      lastError: null,
    });
    return "created";
  } catch (error) {
    if (pass.signal.aborted || !isVhiError(error)) throw error;
    if (error instanceof VhiQuotaExceededError) return quotaRefusal(error);
    if (error instanceof VhiRateLimitedError) return "retry-later";
    if (error instanceof VhiTransientError) {
      // Maybe created: the next pass finds it by the marker, or creates it then.
      await pass.patchDesktop(desktop, { lastError: `create uncertain: ${error.message}` });
      return "retry-later";
    }
    await pass.patchDesktop(desktop, { lastError: `create failed: ${error.message}` });
    await pass.event({
      kind: FAULT_KIND,
      level: "error",
      message: `${desktop.name}: create failed: ${error.message}`,
      desktopId: desktop.id,
    });
    return "failed";
  }
}
