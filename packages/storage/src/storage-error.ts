/** Stable codes of {@link StorageError}. */
export type StorageErrorCode = 'STORAGE_MIGRATION_FAILED' | 'STORAGE_UNAVAILABLE'

/** Errors of the storage layer itself (domain conflicts are reported with the domain's own codes). */
export class StorageError extends Error {
  readonly code: StorageErrorCode

  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = this.constructor.name
  }
}
