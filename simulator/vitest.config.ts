import { atriumVitestConfig } from "../vitest.base.js";

export default atriumVitestConfig();
