import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const IV_BYTES = 12

/**
 * AES-256-GCM (node:crypto) of one personal value under its subject's key, bound by `aad` to the
 * record and path it belongs to: base64 of IV ‖ tag ‖ ciphertext.
 */
export function sealValue(key: Buffer, aad: string, plain: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad))
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
}

/** Opens what {@link sealValue} sealed; throws when the key, the AAD or the bytes do not match. */
export function openValue(key: Buffer, aad: string, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES))
  decipher.setAAD(Buffer.from(aad)).setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + 16))
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + 16)), decipher.final()]).toString(
    'utf8',
  )
}
