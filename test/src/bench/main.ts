import { runAgentsBench } from "./agents.bench.js";
import { runAssignBench } from "./assign.bench.js";
import { runFuzzBench } from "./fuzz.bench.js";
import { runGatewayBench } from "./gateway.bench.js";
import { runGraphqlBench } from "./graphql.bench.js";
import { runProvisioningBench } from "./provisioning.bench.js";
import { runReportsBench } from "./reports.bench.js";
import { runSigninBench } from "./signin.bench.js";

/** `npm run bench -- <name>`: runs one benchmark and prints its report. */
const BENCHES: Record<string, () => Promise<void>> = {
  agents: runAgentsBench,
  assign: runAssignBench,
  fuzz: runFuzzBench,
  gateway: runGatewayBench,
  graphql: runGraphqlBench,
  provisioning: runProvisioningBench,
  reports: runReportsBench,
  signin: runSigninBench,
};

const name = process.argv[2];
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join("|")}>\n`);
  process.exit(2);
}
await bench();
process.exit(0);
