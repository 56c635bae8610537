export { DEFAULT_TIMINGS } from "./server-state-machine.js";
export type { OutageMode, SimCounters } from "./simulator.control.js";
export { SimulatorControl } from "./simulator.control.js";
export { SimulatorInspector } from "./simulator.inspect.js";
export { DEFAULT_QUOTA, DEFAULT_SEED_IDS, defaultSeed } from "./simulator.seed.js";
export type { VhiSimulator } from "./simulator.server.js";
export { startVhiSimulator } from "./simulator.server.js";
export type * from "./simulator.types.js";
