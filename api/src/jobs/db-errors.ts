/** Unique-key violation on either dialect: PostgreSQL SQLSTATE 23505, SQL Server errors 2601 (index) and 2627. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; number?: unknown; driverError?: { code?: unknown; number?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  const number = e?.driverError?.number ?? e?.number;
  return code === "23505" || number === 2601 || number === 2627;
}
