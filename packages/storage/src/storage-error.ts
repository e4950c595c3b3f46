import { LandseaError } from '@landsea/core/errors'

/** Stable codes of {@link StorageError}. */
export type StorageErrorCode = 'STORAGE_MIGRATION_FAILED' | 'STORAGE_UNAVAILABLE'

/** Errors of the storage layer itself (domain conflicts are reported with the domain's own codes). */
export class StorageError extends LandseaError<StorageErrorCode> {}

/**
 * Whether an error is a unique-constraint violation, and on which columns or constraint (lower case), for
 * better-sqlite3 (`SQLITE_CONSTRAINT_UNIQUE` / `_PRIMARYKEY`) and node-postgres (SQLSTATE 23505).
 */
export function uniqueViolation(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown; detail?: unknown }
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return String(e.message).toLowerCase()
  }
  if (e.code === '23505') return `${String(e.constraint)} ${String(e.detail)}`.toLowerCase()
  return undefined
}
