import { Column, Entity, PrimaryColumn } from "typeorm";

/** Exclusive, expiring ownership of a named resource (e.g. `pool:<id>`) by one worker. */
@Entity("lease")
export class Lease {
  @PrimaryColumn({ length: 200 })
  name: string;

  @Column({ length: 100 })
  holder: string;

  @Column({ name: "expires_at" })
  expiresAt: Date;

  @Column({ name: "acquired_at" })
  acquiredAt: Date;
}
