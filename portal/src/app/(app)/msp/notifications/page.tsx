// The MSP's own mail server and alert rules live under the MSP section; the page is the console's, which names its owner.
export { default, metadata } from "../../console/notifications/page";

export const dynamic = "force-dynamic";
