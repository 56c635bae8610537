export {
  MAX_DESKTOP_NAME_LENGTH,
  MAX_WINDOWS_NAME_LENGTH,
  type NameContext,
  namePatternProblem,
  renderDesktopName,
} from "./name-pattern.js";
export { RESUMED_KIND } from "./pool-events.types.js";
export { type EffectiveSizes, effectiveSizes, type PoolSizes, scheduleProblem } from "./schedule-window.js";
