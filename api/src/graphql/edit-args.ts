/**
 * The `expectedUpdatedAt` argument of every edit: the `updatedAt` the client read. When the stored object has moved
 * on since, the edit is refused (CONFLICT, reason STALE_EDIT) instead of overwriting someone else's change.
 */
export const EXPECTED_UPDATED_AT = {
  nullable: true,
  description: "The updatedAt you read; a newer stored object refuses the edit (CONFLICT, STALE_EDIT).",
} as const;
