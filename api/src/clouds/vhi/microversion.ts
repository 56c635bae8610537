import { VhiIncompatibleError } from "./vhi.errors.js";

export type Microversion = readonly [major: number, minor: number];

export function parseMicroversion(value: string): Microversion | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(value.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export function compareMicroversions(a: Microversion, b: Microversion): number {
  return a[0] - b[0] || a[1] - b[1];
}

export function formatMicroversion(version: Microversion): string {
  return `${version[0]}.${version[1]}`;
}

export function supportsMicroversion(negotiated: string, needed: string): boolean {
  const have = parseMicroversion(negotiated);
  const need = parseMicroversion(needed);
  return !!have && !!need && compareMicroversions(have, need) >= 0;
}

export interface NegotiationInput {
  /** `min_version` / `version` from the compute version document; "" when the endpoint has no microversions. */
  serverMin: string;
  serverMax: string;
  wanted: string;
  required: string;
}

/**
 * We ask for the version we were written against (`wanted`), lowered to the server's maximum when the cloud is
 * older — never a version above what we know (new microversions change response shapes) and never below `required`
 * (the features the workers depend on). Nova answers 406 to anything outside [min, max].
 */
export function negotiateMicroversion(input: NegotiationInput): string {
  const wanted = parseMicroversion(input.wanted);
  const required = parseMicroversion(input.required);
  if (!wanted || !required) throw new VhiIncompatibleError(`invalid microversion setting "${input.wanted}"`);
  const max = parseMicroversion(input.serverMax);
  if (!max) {
    throw new VhiIncompatibleError(`compute API does not support microversions (need at least ${input.required})`, {
      service: "compute",
    });
  }
  const chosen = compareMicroversions(wanted, max) <= 0 ? wanted : max;
  if (compareMicroversions(chosen, required) < 0) {
    throw new VhiIncompatibleError(
      `compute API maximum microversion ${input.serverMax} is below the required ${input.required}`,
      { service: "compute" },
    );
  }
  const min = parseMicroversion(input.serverMin);
  if (min && compareMicroversions(chosen, min) < 0) {
    throw new VhiIncompatibleError(
      `compute API minimum microversion ${input.serverMin} is above the highest we support (${input.wanted})`,
      { service: "compute" },
    );
  }
  return formatMicroversion(chosen);
}
