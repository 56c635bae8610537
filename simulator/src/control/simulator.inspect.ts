import { deriveStatus, tickAll } from "../core/server-state-machine.js";
import { isoSeconds } from "../core/sim-clock.js";
import type { SimContext } from "../core/simulator.context.js";
import type { SimServer } from "../core/simulator.state.js";
import type { NovaQuotaSet, SimServerView } from "../core/simulator.types.js";

function view(ctx: SimContext, s: SimServer): SimServerView {
  return {
    id: s.id,
    name: s.name,
    projectId: s.projectId,
    status: deriveStatus(s.vmState, s.taskState),
    vmState: s.vmState,
    taskState: s.taskState,
    powerState: s.powerState,
    host: s.host,
    availabilityZone: s.availabilityZone,
    created: isoSeconds(s.createdAt),
    updated: isoSeconds(s.updatedAt),
    deleted: s.vmState === "deleted",
    metadata: { ...s.metadata },
    tags: [...s.tags],
    flavorId: s.flavor.id,
    imageId: s.imageId,
    fault: s.fault ? { code: s.fault.code, message: s.fault.message } : null,
    volumes: s.volumeIds.flatMap((id) => {
      const v = ctx.state.volumes.get(id);
      return v ? [{ id, sizeGb: v.sizeGb, volumeType: v.volumeType, deleteOnTermination: v.deleteOnTermination }] : [];
    }),
    userData: s.userData,
  };
}

/** Read-only views of the simulator's data for assertions; each call first applies due transitions. */
export class SimulatorInspector {
  constructor(private readonly ctx: SimContext) {}

  private fresh(): void {
    tickAll(this.ctx.state, this.ctx.clock.now());
  }

  /** All servers, oldest first; deleted ones included unless `includeDeleted: false`. */
  servers(filter: { projectId?: string; includeDeleted?: boolean } = {}): SimServerView[] {
    this.fresh();
    return [...this.ctx.state.servers.values()]
      .filter((s) => filter.projectId === undefined || s.projectId === filter.projectId)
      .filter((s) => filter.includeDeleted !== false || s.vmState !== "deleted")
      .sort((a, b) => a.seq - b.seq)
      .map((s) => view(this.ctx, s));
  }

  server(id: string): SimServerView | undefined {
    this.fresh();
    const s = this.ctx.state.servers.get(id);
    return s ? view(this.ctx, s) : undefined;
  }

  projectId(name: string): string {
    const project = [...this.ctx.state.projects.values()].find((p) => p.name === name);
    if (!project) throw new Error(`no project named ${name}`);
    return project.id;
  }

  quota(projectId: string): NovaQuotaSet {
    return { ...this.ctx.state.quotaOf(projectId) };
  }

  usage(projectId: string): { instances: number; cores: number; ram: number } {
    this.fresh();
    return this.ctx.state.usageOf(projectId);
  }

  /** Simulated now, epoch ms. */
  now(): number {
    return this.ctx.clock.now();
  }
}
