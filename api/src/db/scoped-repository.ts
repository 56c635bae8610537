import {
  type DeleteQueryBuilder,
  type EntityManager,
  type EntityTarget,
  type FindManyOptions,
  type FindOptionsWhere,
  In,
  IsNull,
  type ObjectLiteral,
  type Repository,
  type SelectQueryBuilder,
  type UpdateQueryBuilder,
} from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity.js";
import { forbidden, notFound } from "../errors/app-error.js";
import { pinWhere } from "./pinned-where.js";
import { settingFirst } from "./setting-first.js";
import { useTenantSetting } from "./tenant-setting.js";
import { bulkUpdateStatements, type RowPatch } from "./values-update.js";

export interface TenantOwned extends ObjectLiteral {
  id: string;
  tenantId: string | null;
}

/**
 * Whose rows a repository sees: one owner (a tenant, or null for MSP-wide rows), or every tenant — the latter only
 * through the named `acrossTenants` door.
 */
export type Scope = { kind: "owner"; tenantId: string | null } | { kind: "all"; reason: string };

/** What a caller may set: never the id, never the owner. */
export type Patch<T> = Omit<QueryDeepPartialEntity<T>, "id" | "tenantId">;
export type Values<T> = Omit<Partial<T>, "id" | "tenantId">;
export type Where<T> = FindOptionsWhere<T> | FindOptionsWhere<T>[];
export type FindOptions<T> = Omit<FindManyOptions<T>, "where"> & { where?: Where<T> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function withoutOwner<T>(values: T): T {
  const { tenantId: _owner, id: _id, ...safe } = values as Record<string, unknown>;
  return safe as T;
}

/**
 * The one way rows of a tenant-owned entity are read and written. The owner predicate is part of every statement
 * (never "load by id, then check"), inserts are stamped with the owner, updates cannot change it, and a foreign or
 * malformed id is NOT_FOUND: no existence oracle across tenants. With the `all` scope (the `acrossTenants` door) the
 * same methods run without the predicate and inserts keep the tenant they are given.
 */
export class ScopedRepository<T extends TenantOwned> {
  constructor(
    private readonly manager: EntityManager,
    readonly entity: EntityTarget<T>,
    readonly scope: Scope,
    private readonly label: string,
    /** False for entities whose `tenant_id` is required: an owner scope without a tenant is refused. */
    private readonly mspWide: boolean,
  ) {}

  /** The owner's tenant id (null: MSP-wide rows); throws for the `all` scope, which has no single owner. */
  get tenantId(): string | null {
    if (this.scope.kind === "all") throw new Error(`${this.label}: an across-tenants repository has no single owner`);
    return this.owner();
  }

  private get repository(): Repository<T> {
    return this.manager.getRepository(this.entity);
  }

  /** The door's tenant setting on the transaction this statement runs in (see `useTenantSetting`). */
  private readonly useSetting = () =>
    useTenantSetting(
      this.manager,
      this.scope.kind === "all" ? { acrossTenants: this.scope.reason } : { tenantId: this.scope.tenantId },
    );

  private owner(): string | null {
    if (this.scope.kind === "all") return null;
    if (this.scope.tenantId === null && !this.mspWide) {
      throw forbidden("This needs a tenant context: sign in as a tenant user or enter a tenant first");
    }
    return this.scope.tenantId;
  }

  private scoped(where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    if (this.scope.kind === "all") return where;
    return { ...where, tenantId: this.owner() ?? IsNull() } as FindOptionsWhere<T>;
  }

  private scopedAll(where: Where<T> | undefined): Where<T> {
    return Array.isArray(where) ? where.map((one) => this.scoped(one)) : this.scoped(where);
  }

  /** The owner predicate as SQL on `column` (an alias path or a column name), with its parameters. */
  predicate(column: string): { sql: string; parameters: ObjectLiteral } {
    if (this.scope.kind === "all") return { sql: "1=1", parameters: {} };
    const owner = this.owner();
    return owner === null
      ? { sql: `${column} IS NULL`, parameters: {} }
      : { sql: `${column} = :scopeTenantId`, parameters: { scopeTenantId: owner } };
  }

  async find(options: FindOptions<T> = {}): Promise<T[]> {
    await this.useSetting();
    return this.repository.find({ ...options, where: this.scopedAll(options.where) });
  }

  async findBy(where: Where<T>): Promise<T[]> {
    await this.useSetting();
    return this.repository.findBy(this.scopedAll(where));
  }

  async findOne(where: Where<T>, options: Omit<FindOptions<T>, "where" | "take" | "skip"> = {}): Promise<T | null> {
    await this.useSetting();
    return this.repository.findOne({ ...options, where: this.scopedAll(where) });
  }

  /** The row with this id, or NOT_FOUND (also for a malformed id, which never reaches the database). */
  async getById(id: string): Promise<T> {
    const row = isUuid(id) ? await this.findOne({ id } as FindOptionsWhere<T>) : null;
    if (!row) throw notFound(this.label);
    return row;
  }

  /** Rows with these ids (foreign and malformed ids are simply absent). */
  findByIds(ids: readonly string[]): Promise<T[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return Promise.resolve([]);
    return this.findBy({ id: In(valid) } as FindOptionsWhere<T>);
  }

  async count(where?: Where<T>): Promise<number> {
    await this.useSetting();
    return this.repository.count({ where: this.scopedAll(where) });
  }

  async exists(where: Where<T>): Promise<boolean> {
    await this.useSetting();
    return this.repository.exists({ where: this.scopedAll(where) });
  }

  /** A select builder whose owner predicate stays first whatever `where`/`orWhere` the caller adds. */
  query(alias: string): SelectQueryBuilder<T> {
    const { sql, parameters } = this.predicate(`${alias}.tenantId`);
    return settingFirst(pinWhere(this.repository.createQueryBuilder(alias), sql, parameters), this.useSetting);
  }

  /**
   * Joins this entity into another scoped query under `alias`, with the owner predicate inside the ON clause, so a
   * join can never reach another tenant's rows even when the join condition would allow it.
   */
  join<Q extends ObjectLiteral>(
    query: SelectQueryBuilder<Q>,
    alias: string,
    on: string,
    kind: "inner" | "left" = "inner",
  ): SelectQueryBuilder<Q> {
    const { sql, parameters } = this.predicate(`${alias}.tenantId`);
    const condition = `(${on}) AND ${sql}`;
    const target = this.entity as Function;
    return kind === "inner"
      ? query.innerJoin(target, alias, condition, parameters)
      : query.leftJoin(target, alias, condition, parameters);
  }

  /** An UPDATE of this entity's rows; `set` cannot carry the owner, the caller's WHERE is added after the predicate. */
  updateQuery(set: Patch<T>): UpdateQueryBuilder<T> {
    const { sql, parameters } = this.predicate("tenant_id");
    const builder = this.manager
      .createQueryBuilder()
      .update(this.entity)
      .set(withoutOwner(set) as QueryDeepPartialEntity<T>);
    return settingFirst(pinWhere(builder, sql, parameters), this.useSetting);
  }

  /** UPDATE … WHERE owner AND (`where`); returns how many rows changed. */
  async updateWhere(where: string | FindOptionsWhere<T>, set: Patch<T>, parameters?: ObjectLiteral): Promise<number> {
    const result = await this.updateQuery(set)
      .andWhere(where as string, parameters)
      .execute();
    return result.affected ?? 0;
  }

  deleteQuery(): DeleteQueryBuilder<T> {
    const { sql, parameters } = this.predicate("tenant_id");
    return settingFirst(
      pinWhere(this.manager.createQueryBuilder().delete().from(this.entity), sql, parameters),
      this.useSetting,
    );
  }

  /** DELETE … WHERE owner AND (`where`); returns how many rows went. */
  async deleteWhere(where: string | FindOptionsWhere<T>, parameters?: ObjectLiteral): Promise<number> {
    const result = await this.deleteQuery()
      .andWhere(where as string, parameters)
      .execute();
    return result.affected ?? 0;
  }

  /**
   * Moves the rows matching `where` to another owner. Only the `acrossTenants` door may: an owner-scoped repository
   * never changes a row's owner. For rows whose owner is where they act (an MSP user's session entering a tenant).
   */
  async moveToOwner(where: FindOptionsWhere<T>, tenantId: string | null): Promise<number> {
    if (this.scope.kind !== "all")
      throw new Error(`${this.label}: only the acrossTenants door moves rows between owners`);
    await this.useSetting();
    const result = await this.repository.update(where, { tenantId } as unknown as QueryDeepPartialEntity<T>);
    return result.affected ?? 0;
  }

  /** Inserts one row stamped with the owner (the `all` scope keeps the tenant in `values`) and returns it. */
  async insert(values: Values<T> & { id?: string; tenantId?: string | null }): Promise<T> {
    await this.useSetting();
    return this.repository.save(this.repository.create(this.stamp(values)));
  }

  /**
   * Inserts rows in one statement, each stamped like `insert`, and returns them as entities with the ids and column
   * defaults the database filled in (no reload). Keep a call under SQL Server's 2,100 parameters.
   */
  async insertMany(rows: (Values<T> & { id?: string; tenantId?: string | null })[]): Promise<T[]> {
    if (rows.length === 0) return [];
    const entities = rows.map((row) => this.repository.create(this.stamp(row)));
    await this.useSetting();
    await this.repository.insert(entities as QueryDeepPartialEntity<T>[]);
    return entities;
  }

  private stamp(values: Values<T> & { id?: string; tenantId?: string | null }): T {
    if (this.scope.kind === "all") return values as unknown as T;
    return { ...values, tenantId: this.owner() } as unknown as T;
  }

  /** Adds `by` to a numeric column of the owner's rows matching `where`, in one UPDATE. */
  async increment(where: FindOptionsWhere<T>, property: keyof T & string, by: number): Promise<void> {
    await this.useSetting();
    await this.repository.increment(this.scoped(where), property, by);
  }

  /** Loads the row (NOT_FOUND otherwise), applies the patch without its id/owner, saves and returns it. */
  async update(id: string, patch: Values<T>): Promise<T> {
    const current = await this.getById(id);
    await this.useSetting();
    return this.repository.save(this.repository.merge(current, withoutOwner(patch) as T));
  }

  /** Saves an entity this repository loaded (its owner cannot have changed: it is re-stamped). */
  async save(entity: T): Promise<T> {
    if (this.scope.kind === "owner") Object.assign(entity, { tenantId: this.owner() });
    await this.useSetting();
    return this.repository.save(entity);
  }

  /** Deletes the row with this id (NOT_FOUND otherwise) and returns what it was. */
  async remove(id: string): Promise<T> {
    const current = await this.getById(id);
    await this.useSetting();
    await this.repository.delete(this.scoped({ id: current.id } as FindOptionsWhere<T>));
    return current;
  }

  /** Deletes the rows matching `where` within the owner's rows; returns how many went. */
  async delete(where: FindOptionsWhere<T>): Promise<number> {
    await this.useSetting();
    const result = await this.repository.delete(this.scoped(where));
    return result.affected ?? 0;
  }

  /** INSERT … ON CONFLICT (`conflictPaths`) DO UPDATE, each row stamped with the owner. */
  async upsert(
    rows: (Values<T> & { id?: string; tenantId?: string | null })[],
    conflictPaths: (keyof T & string)[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.useSetting();
    await this.repository.upsert(rows.map((row) => this.stamp(row)) as QueryDeepPartialEntity<T>[], { conflictPaths });
  }

  /**
   * Writes many rows that each get their own values in one UPDATE … FROM (VALUES …) per set of columns (and per
   * parameter-limit chunk), owner predicate included. For observations in bulk; anything conditional goes through
   * `updateWhere`.
   */
  async updateMany(rows: RowPatch<T>[]): Promise<void> {
    const metadata = this.manager.connection.getMetadata(this.entity);
    const owner = this.scope.kind === "all" ? undefined : this.owner();
    await this.useSetting();
    for (const statement of bulkUpdateStatements(this.manager.connection, metadata, owner, rows)) {
      await this.manager.query(statement.sql, statement.parameters);
    }
  }
}
