// The identity providers of MSP staff live under the MSP section; the page is the console's, which names its owner.
export { default, metadata } from "../../console/identity-providers/page";

export const dynamic = "force-dynamic";
