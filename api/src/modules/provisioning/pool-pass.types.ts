import type { Cloud, Desktop, Pool, Tenant } from "@atrium/schema";
import type { VhiClient } from "../../clouds/vhi/index.js";
import type { AppServices } from "../../context/app-services.js";
import type { Ctx } from "../../context/ctx.js";
import type { Logger } from "../../observability/logger.js";
import type { CloudClients } from "./cloud-clients.js";
import type { BulkDesktopPatch } from "./desktop-writes.js";
import type { EventInput } from "./provisioning-events.js";

export interface ControllerDeps {
  services: AppServices;
  clients: CloudClients;
  clock: () => Date;
  logger: Pick<Logger, "info" | "warn" | "error" | "debug">;
  /** How often a pass lists every server of the pool instead of only `changes-since`. Default 60 s. */
  fullSyncEveryMs?: number;
  /** Most creates one pass sends; quota headroom may lower it further. Default 100. */
  maxBatch?: number;
  /** Base URL the desktop agent in user-data reports to; without it, user-data carries no agent. */
  brokerUrl?: string;
  /** Called between the steps of a pass; tests throw or abort here to simulate a crash at that point. */
  checkpoint?: (step: string) => void;
}

/** Everything one pass over one pool works with; `desktops` is loaded once and kept in step with the database. */
export interface PassContext {
  deps: ControllerDeps;
  /** The pass's context: the pool controller acting for the pool's tenant. */
  ctx: Ctx;
  pool: Pool;
  tenant: Tenant;
  cloud: Cloud;
  client: VhiClient;
  desktops: Desktop[];
  now: Date;
  signal: AbortSignal;
  /** Whether this pass listed every server of the pool (then absence means the server is gone). */
  fullSync: boolean;
  /** Buffers an event; `flushEvents` writes the buffer in one statement (restraint reads them after each step). */
  event(event: EventInput): Promise<void>;
  flushEvents(): Promise<void>;
  /** Writes the changed fields of a desktop now, with whatever was queued for it (and keeps the in-memory copy). */
  patchDesktop(desktop: Desktop, patch: Partial<Desktop>): Promise<void>;
  /** Applies an observation to the in-memory copy and queues its write for `flushDesktops` (one statement). */
  queueDesktop(desktop: Desktop, patch: BulkDesktopPatch): void;
  flushDesktops(): Promise<void>;
  checkpoint(step: string): void;
}
