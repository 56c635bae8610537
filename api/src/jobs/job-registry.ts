import type { z } from "zod";
import type { JobDefinition, JobHandler } from "./job-definition.js";

export interface RegisteredJob {
  definition: JobDefinition;
  handler: JobHandler;
}

/** The one list of jobs a worker can run; a name registered twice is a wiring bug, so it throws. */
export class JobRegistry {
  private readonly jobs = new Map<string, RegisteredJob>();

  register<S extends z.ZodType>(definition: JobDefinition<S>, handler: JobHandler<S>): this {
    if (this.jobs.has(definition.name)) throw new Error(`job "${definition.name}" is already registered`);
    this.jobs.set(definition.name, { definition, handler: handler as JobHandler });
    return this;
  }

  get(name: string): RegisteredJob | undefined {
    return this.jobs.get(name);
  }

  names(): string[] {
    return [...this.jobs.keys()].sort();
  }
}
