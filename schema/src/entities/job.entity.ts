import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { JobStatus } from "../enums/index.js";

/** Durable work in the application database, claimed by workers with row locks that skip locked rows. */
@Entity("job")
@Index("ix_job_claim", ["status", "runAt"])
@Index("uq_job_dedupe", ["dedupeKey"], {
  unique: true,
  where: "dedupe_key IS NOT NULL AND status IN ('queued', 'running')",
})
export class Job {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ length: 100 })
  name: string;

  @Column({ type: "simple-json" })
  payload: Record<string, unknown>;

  @Column({ length: 16, default: "queued" })
  status: JobStatus;

  @Column({ type: "int", default: 0 })
  attempts: number;

  @Column({ name: "max_attempts", type: "int", default: 5 })
  maxAttempts: number;

  @Column({ name: "run_at" })
  runAt: Date;

  @Column({ type: String, name: "locked_by", length: 100, nullable: true })
  lockedBy: string | null;

  @Column({ name: "locked_until", type: Date, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: String, name: "last_error", length: 4000, nullable: true })
  lastError: string | null;

  /** Optional de-duplication key: at most one queued or running job per key. */
  @Column({ type: String, name: "dedupe_key", length: 200, nullable: true })
  dedupeKey: string | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
