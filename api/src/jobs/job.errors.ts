/** The handler ran past its definition's `timeoutMs`; its signal was aborted with this reason. */
export class JobTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`job timed out after ${timeoutMs} ms`);
    this.name = "JobTimeoutError";
  }
}

/** Another worker took the job over (our visibility timeout passed), so this worker must stop touching it. */
export class JobLostError extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} was taken over by another worker`);
    this.name = "JobLostError";
  }
}

/** The worker is stopping; handlers see this as their signal's reason. */
export class WorkerStoppingError extends Error {
  constructor() {
    super("worker is stopping");
    this.name = "WorkerStoppingError";
  }
}

export const LAST_ERROR_MAX_LENGTH = 1000;

/**
 * What goes into `job.last_error`: the message only — no stack, no `cause`, no error properties, which is where
 * request bodies and tokens tend to hide — with credentials in URLs masked, and truncated.
 */
export function summarizeError(error: unknown): string {
  const raw = error instanceof Error ? `${error.name}: ${error.message}` : `non-error thrown: ${typeof error}`;
  const masked = raw.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+(:[^/\s@]*)?@/gi, "$1***@");
  return masked.length > LAST_ERROR_MAX_LENGTH ? `${masked.slice(0, LAST_ERROR_MAX_LENGTH - 1)}…` : masked;
}
