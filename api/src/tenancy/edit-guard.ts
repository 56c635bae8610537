import { isUuid, type ScopedRepository, type TenantOwned } from "../db/index.js";
import { AppError, notFound } from "../errors/app-error.js";

type Versioned = TenantOwned & { updatedAt: Date };

/** What a refused edit says: the caller's copy is older than the stored row, so reload before editing again. */
export const staleEdit = (what: string) =>
  new AppError("CONFLICT", `${what} was changed since you opened it; reload it and make your change again`, {
    reason: "STALE_EDIT",
  });

/**
 * Loads the row an edit is about, locked until the transaction ends, and refuses the edit when the caller's copy
 * (`expectedUpdatedAt`: the `updatedAt` it read) is not the stored one: two admins editing the same rule must not
 * silently overwrite each other, and the lock keeps a second edit waiting until the first commits so it compares
 * against the first's result. Without an expected value (scripts written before it existed) the edit applies as it
 * always did. Both sides are compared at millisecond precision, the precision a client ever sees.
 */
export async function lockForEdit<T extends Versioned>(
  scope: ScopedRepository<T>,
  id: string,
  expectedUpdatedAt: Date | null | undefined,
  what: string,
): Promise<T> {
  const row = isUuid(id) ? await scope.findOne({ id } as never, { lock: { mode: "pessimistic_write" } }) : null;
  if (!row) throw notFound(what);
  if (expectedUpdatedAt && row.updatedAt.getTime() !== expectedUpdatedAt.getTime()) throw staleEdit(what);
  return row;
}

/**
 * Moves `updatedAt` on when an edit changed only rows hanging off this one (a policy's pool entitlements), so the
 * next stale copy is refused too. Returns the row as stored now.
 */
export async function touchEdited<T extends Versioned>(scope: ScopedRepository<T>, id: string): Promise<T> {
  await scope.updateWhere({ id } as never, { updatedAt: () => "CURRENT_TIMESTAMP" } as never);
  return scope.getById(id);
}
