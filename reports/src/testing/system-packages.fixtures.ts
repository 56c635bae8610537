import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const ENSURE_PACKAGES = fileURLToPath(new URL("../../../test/services/ensure-packages.sh", import.meta.url));

/**
 * ensurePackages of @atrium/api/testing/test-services for this workspace, which cannot depend on the api: installs
 * the missing Debian packages of .ci/apt/<area>.txt, or rejects with the one line that says how to install them.
 */
export function ensurePackages(...areas: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile("bash", [ENSURE_PACKAGES, ...areas], { maxBuffer: 16 << 20 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(stderr.trim() || error.message));
      else resolve();
    });
  });
}
