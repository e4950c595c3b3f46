import { LandseaError } from '@landsea/core/errors'

/** Stable codes of {@link StorageError}. */
export type StorageErrorCode = 'STORAGE_MIGRATION_FAILED' | 'STORAGE_UNAVAILABLE'

/** Errors of the storage layer itself (domain conflicts are reported with the domain's own codes). */
export class StorageError extends LandseaError<StorageErrorCode> {}
