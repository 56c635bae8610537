/** The lease could not be renewed before it expired, or another holder took it: work under it must stop. */
export class LeaseLostError extends Error {
  constructor(
    readonly leaseName: string,
    readonly holder: string,
  ) {
    super(`lease ${leaseName} is no longer held by ${holder}`);
    this.name = "LeaseLostError";
  }
}
