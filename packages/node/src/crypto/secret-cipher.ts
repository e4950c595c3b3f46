import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretCipher } from '@landsea/core/settings'

const PREFIX = 'lsenc:v1:'
const IV_BYTES = 12
const TAG_BYTES = 16

/** The name of the key-encryption key's file in the data folder. */
export const MASTER_KEY_FILE = 'master.key'
/** The next key-encryption key while a rotation is under way (`landsea secrets rotate-key`). */
export const NEXT_MASTER_KEY_FILE = 'master.key.next'

/**
 * AES-256-GCM (NIST SP 800-38D) over the node's secrets: `lsenc:v1:` + base64url(IV ‖ ciphertext ‖
 * tag), a fresh 96-bit IV per seal. The tag authenticates the text, so a value changed in the
 * database fails to open instead of yielding another key.
 */
export function createSecretCipher({
  key,
  previousKeys = [],
}: {
  key: Uint8Array
  /** Keys that still open what they sealed (a rotation under way); `key` seals. */
  previousKeys?: readonly Uint8Array[]
}): SecretCipher {
  for (const k of [key, ...previousKeys])
    if (k.length !== 32) throw new Error('the key-encryption key is 32 bytes')
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')
    },
    open(text) {
      if (!text.startsWith(PREFIX)) return text
      const bytes = Buffer.from(text.slice(PREFIX.length), 'base64url')
      const body = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)
      // The tag tells a wrong key at once, so each key of a rotation is tried in turn.
      for (const k of [key, ...previousKeys]) {
        const decipher = createDecipheriv('aes-256-gcm', k, bytes.subarray(0, IV_BYTES))
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES))
        try {
          return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
        } catch {
          // Not this key; never the value itself in a message: it is a secret.
        }
      }
      throw new Error(
        'a stored secret does not open under this key-encryption key: is this the LANDSEA_MASTER_KEY or master.key the database was sealed with?',
      )
    },
    isSealed: (text) => text.startsWith(PREFIX),
  }
}

/** Reads a key given as 64 hex digits or base64/base64url of 32 bytes. */
export function decodeKey(text: string, where: string): Buffer {
  const trimmed = text.trim()
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64url')
  if (key.length !== 32) throw new Error(`${where} is not a 32-byte key (64 hex digits or base64)`)
  return key
}

/**
 * The key-encryption key: `LANDSEA_MASTER_KEY` when set (a cluster on several machines shares it
 * that way), otherwise `master.key` in the data folder, created 0600 on first run. Of several
 * processes creating it at once, one writes it (exclusive create) and the others read that one.
 */
export function loadMasterKey({
  dataDir,
  env = process.env,
}: {
  dataDir: string
  env?: NodeJS.ProcessEnv
}): Buffer {
  if (env.LANDSEA_MASTER_KEY) return decodeKey(env.LANDSEA_MASTER_KEY, 'LANDSEA_MASTER_KEY')
  return createKeyFileOnce(join(dataDir, MASTER_KEY_FILE))
}

/**
 * The key in `file`, created 0600 with a random key when missing: written whole to a private
 * temporary name, then linked into place. link() fails when the file exists, so of several
 * processes creating it at once one writes it and the others read that one, never half of it.
 */
export function createKeyFileOnce(file: string): Buffer {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(temporary, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 })
  try {
    linkSync(temporary, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    unlinkSync(temporary)
  }
  chmodSync(file, 0o600)
  return decodeKey(readFileSync(file, 'utf8'), file)
}

/**
 * The key of a rotation under way, if any: `LANDSEA_NEW_MASTER_KEY` beside `LANDSEA_MASTER_KEY`,
 * or `master.key.next` beside `master.key`. While there is one, the node seals under it and opens
 * under either key, so a rotation cut short leaves the node openable (docs/deploy.md).
 */
export function loadNextMasterKey({
  dataDir,
  env = process.env,
}: {
  dataDir: string
  env?: NodeJS.ProcessEnv
}): Buffer | undefined {
  if (env.LANDSEA_MASTER_KEY) {
    const next = env.LANDSEA_NEW_MASTER_KEY
    return next ? decodeKey(next, 'LANDSEA_NEW_MASTER_KEY') : undefined
  }
  const file = join(dataDir, NEXT_MASTER_KEY_FILE)
  return existsSync(file) ? decodeKey(readFileSync(file, 'utf8'), file) : undefined
}

/** The node's cipher from its data folder or environment, with the rotation under way if any. */
export function loadSecretCipher(options: {
  dataDir: string
  env?: NodeJS.ProcessEnv
}): SecretCipher {
  const current = loadMasterKey(options)
  const next = loadNextMasterKey(options)
  return next
    ? createSecretCipher({ key: next, previousKeys: [current] })
    : createSecretCipher({ key: current })
}
