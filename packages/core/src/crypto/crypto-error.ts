/** Stable codes of {@link CryptoError}. */
export type CryptoErrorCode =
  | 'CRYPTO_NOT_CANONICALIZABLE'
  | 'CRYPTO_JWS_MALFORMED'
  | 'CRYPTO_JWS_INVALID'
  | 'CRYPTO_ALG_NOT_ALLOWED'
  | 'CRYPTO_KEY_INVALID'

/** Errors of canonicalisation, hashing, keys and signatures. Callers branch on `code`. */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = this.constructor.name
  }
}
