/**
 * Port: seals secrets (private keys, seeds) before storage writes them and opens them after it
 * reads them, under a key-encryption key the database never holds. The node implements it with
 * AES-256-GCM (packages/node/src/crypto/secret-cipher.ts).
 */
export interface SecretCipher {
  /** Sealed text for `plain`, self-describing (a version prefix), different each call. */
  seal(plain: string): string
  /** The plain text of sealed text; text that is not sealed (written before sealing) as it is. */
  open(text: string): string
  /** Whether text is sealed by this cipher's format. */
  isSealed(text: string): boolean
}
