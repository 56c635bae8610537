import { brokerUrlOf } from "../../config/env.js";
import type { AppServices } from "../../context/app-services.js";
import { createCloudClients } from "./cloud-clients.js";
import { createPoolController, type PoolController } from "./pool-controller.js";

/** The pool controller wired to the application's services; `start()` begins reconciling every pool. */
export function createProvisioningWorker(
  services: AppServices,
  options: { intervalMs?: number; holder?: string } = {},
): PoolController {
  return createPoolController({
    services,
    clients: createCloudClients({ secretBox: services.secretBox }),
    clock: services.clock,
    brokerUrl: brokerUrlOf(services.config),
    logger: services.logger.child({ component: "pool-controller" }),
    intervalMs: options.intervalMs,
    holder: options.holder,
  });
}
