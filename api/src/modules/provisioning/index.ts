export { type CloudClients, type CloudClientsOptions, createCloudClients } from "./cloud-clients.js";
export { GROW_BACKOFF_CAP_MS, growBackoffMs } from "./grow-backoff.js";
export {
  createPoolController,
  type PoolController,
  type PoolControllerOptions,
  poolLeaseName,
} from "./pool-controller.js";
export { type PassResult, runPoolPass } from "./pool-pass.js";
export type { ControllerDeps } from "./pool-pass.types.js";
export { META_DESKTOP, META_POOL, poolTag, requestTag } from "./server-observation.js";
export { renderUserData } from "./user-data.js";
