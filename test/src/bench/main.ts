import { runAssignBench } from "./assign.bench.js";
import { runGatewayBench } from "./gateway.bench.js";
import { runProvisioningBench } from "./provisioning.bench.js";
import { runReportsBench } from "./reports.bench.js";

/** `npm run bench -- <name>`: runs one benchmark and prints its report. */
const BENCHES: Record<string, () => Promise<void>> = {
  assign: runAssignBench,
  gateway: runGatewayBench,
  provisioning: runProvisioningBench,
  reports: runReportsBench,
};

const name = process.argv[2];
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join("|")}>\n`);
  process.exit(2);
}
await bench();
process.exit(0);
