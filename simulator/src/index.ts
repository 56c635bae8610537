export type { OutageMode, SimCounters } from "./control/simulator.control.js";
export { SimulatorControl } from "./control/simulator.control.js";
export { SimulatorInspector } from "./control/simulator.inspect.js";
export { DEFAULT_TIMINGS } from "./core/server-state-machine.js";
export { DEFAULT_QUOTA, DEFAULT_SEED_IDS, defaultSeed } from "./core/simulator.seed.js";
export type * from "./core/simulator.types.js";
export type { VhiSimulator } from "./simulator.server.js";
export { startVhiSimulator } from "./simulator.server.js";
