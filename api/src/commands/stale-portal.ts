import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { isProcessAlive } from "@atrium/migrations";
import type { Logger } from "../observability/logger.js";

/** The portal's entry file: a live pid whose command line names it is one of our portals. */
export const PORTAL_ENTRY = "portal-server.js";

/**
 * Whether `pid` runs our portal. Where the command line cannot be read (no /proc), a recorded pid is not trusted:
 * it may since have been reused by an unrelated process, which must never be killed.
 */
function isPortal(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(PORTAL_ENTRY);
  } catch {
    return false;
  }
}

/**
 * A portal left running by a crashed earlier start (before portals watched their parent, or one that hung) holds
 * the port, and the new portal would die on EADDRINUSE: it is stopped here, from the pid file the last start wrote.
 */
export async function stopStalePortal(pidFile: string, logger: Pick<Logger, "warn">): Promise<void> {
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(pidFile, "utf8"), 10);
  } catch {
    return;
  }
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isProcessAlive(pid) && isPortal(pid)) {
    logger.warn({ pid }, "stopping the portal an earlier run left behind");
    process.kill(pid, "SIGTERM");
    for (let waited = 0; waited < 5_000 && isProcessAlive(pid); waited += 100) await sleep(100);
    if (isProcessAlive(pid)) process.kill(pid, "SIGKILL");
    for (let waited = 0; waited < 2_000 && isProcessAlive(pid); waited += 50) await sleep(50);
  }
  fs.rmSync(pidFile, { force: true });
}

/** Records the running portal's pid; the file goes when that portal exits. */
export function recordPortalPid(pidFile: string, pid: number): () => void {
  fs.writeFileSync(pidFile, String(pid));
  return () => {
    try {
      if (fs.readFileSync(pidFile, "utf8") === String(pid)) fs.rmSync(pidFile, { force: true });
    } catch {
      // already gone
    }
  };
}
