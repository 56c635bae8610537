import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { CloudStatus } from "../enums/index.js";

/** A VHI cluster/region the MSP operates. Owned by the MSP, shared by the tenants mapped onto it. */
@Entity("cloud")
export class Cloud {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Index("uq_cloud_name", { unique: true })
  @Column({ length: 200 })
  name: string;

  @Column({ name: "auth_url", length: 1000 })
  authUrl: string;

  @Column({ type: String, length: 255, nullable: true })
  region: string | null;

  @Column({ name: "domain_name", length: 255 })
  domainName: string;

  @Column({ name: "project_name", length: 255 })
  projectName: string;

  @Column({ length: 255 })
  username: string;

  /** AES-GCM envelope; never returned by the API nor logged. */
  @Column({ name: "password_enc", length: 1000 })
  passwordEnc: string;

  @Column({ length: 16, default: "unknown" })
  status: CloudStatus;

  @Column({ type: String, name: "status_message", length: 1000, nullable: true })
  statusMessage: string | null;

  @Column({ type: String, name: "max_microversion", length: 16, nullable: true })
  maxMicroversion: string | null;

  @Column({ name: "last_checked_at", type: Date, nullable: true })
  lastCheckedAt: Date | null;

  /** Client-side pacing of every worker call to this cloud (the proxy in front of VHI may limit). */
  @Column({ name: "requests_per_second", type: "int", nullable: true })
  requestsPerSecond: number | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
