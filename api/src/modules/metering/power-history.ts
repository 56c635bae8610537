import type { Desktop, Pool, PowerState } from "@atrium/schema";
import { In, IsNull } from "typeorm";
import type { VhiFlavor } from "../../clouds/vhi/index.js";
import type { TenantDb } from "../../db/index.js";

export interface DesktopSize {
  flavorRef: string;
  vcpus: number;
  ramMb: number;
  storageGb: number;
}

/** What a pool pass knows when it writes the power history. */
export interface PowerHistoryInput {
  /** The pool's tenant's door. */
  db: TenantDb;
  pool: Pool;
  desktops: Pick<Desktop, "id" | "serverId" | "observedPowerState">[];
  at: Date;
  /** Lists the cloud's flavors; only called when a stretch has to be opened. */
  flavors: () => Promise<VhiFlavor[]>;
}

/** A desktop has a server (and so holds capacity and storage) in every state but gone or not yet created. */
function billableState(desktop: PowerHistoryInput["desktops"][number]): PowerState | null {
  if (!desktop.serverId || desktop.observedPowerState === "deleted") return null;
  return desktop.observedPowerState;
}

export function sizeOf(pool: Pool, flavors: VhiFlavor[]): DesktopSize {
  const flavor = flavors.find((f) => f.id === pool.flavorRef || f.name === pool.flavorRef);
  return {
    flavorRef: flavor?.name ?? pool.flavorRef,
    vcpus: flavor?.vcpus ?? 0,
    ramMb: flavor?.ramMb ?? 0,
    // Boot-from-volume desktops are billed for their volume, others for the flavor's root disk.
    storageGb: pool.bootVolumeGb ?? flavor?.diskGb ?? 0,
  };
}

/**
 * Brings the pool's open power stretches in line with what the pass observed: a desktop whose state changed gets its
 * stretch closed and a new one opened, a desktop that is gone (row deleted, server vanished) gets it closed. Run at
 * the end of every pass, so the history is exact to one pass, and a crash between a desktop update and its history
 * write is repaired by the next pass instead of leaving a stretch open for ever.
 */
export async function reconcilePowerHistory(input: PowerHistoryInput): Promise<{ opened: number; closed: number }> {
  const { db, pool, at } = input;
  const open = await db.desktopPowerIntervals.find({ where: { poolId: pool.id, endedAt: IsNull() } });
  const openByDesktop = new Map(open.map((row) => [row.desktopId, row]));
  const wanted = new Map(input.desktops.map((d) => [d.id, billableState(d)]));
  const toClose = open.filter((row) => wanted.get(row.desktopId) !== row.powerState).map((row) => row.id);
  const toOpen = input.desktops.filter((d) => {
    const state = wanted.get(d.id);
    return state && openByDesktop.get(d.id)?.powerState !== state;
  });
  if (toClose.length === 0 && toOpen.length === 0) return { opened: 0, closed: 0 };
  const size = toOpen.length > 0 ? sizeOf(pool, await input.flavors()) : null;
  await db.transaction(async (tx) => {
    if (toClose.length > 0) {
      await tx.desktopPowerIntervals.updateWhere({ id: In(toClose), endedAt: IsNull() }, { endedAt: at });
    }
    if (size) {
      await tx.desktopPowerIntervals.insertMany(
        toOpen.map((d) => ({
          desktopId: d.id,
          poolId: pool.id,
          powerState: wanted.get(d.id)!,
          ...size,
          startedAt: at,
          endedAt: null,
        })),
      );
    }
  });
  return { opened: toOpen.length, closed: toClose.length };
}
