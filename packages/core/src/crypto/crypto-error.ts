import { LandseaError } from '../errors/index.js'

/** Stable codes of {@link CryptoError}. */
export type CryptoErrorCode =
  | 'CRYPTO_NOT_CANONICALIZABLE'
  | 'CRYPTO_JWS_MALFORMED'
  | 'CRYPTO_JWS_INVALID'
  | 'CRYPTO_ALG_NOT_ALLOWED'
  | 'CRYPTO_KEY_INVALID'

/** Errors of canonicalisation, hashing, keys and signatures. Callers branch on `code`. */
export class CryptoError extends LandseaError<CryptoErrorCode> {}
