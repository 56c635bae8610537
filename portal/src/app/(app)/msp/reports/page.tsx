// The MSP's own reports live under the MSP section; the page is the console's, which names its owner.
export { default, metadata } from "../../console/reports/page";

export const dynamic = "force-dynamic";
