import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { resealSecrets } from '../create-node.js'
import {
  decodeKey,
  loadMasterKey,
  loadNextMasterKey,
  createSecretCipher,
  MASTER_KEY_FILE,
  NEXT_MASTER_KEY_FILE,
} from './secret-cipher.js'

/** What {@link rotateMasterKey} did. */
export interface MasterKeyRotation {
  /** Where the new key is: the data folder's `master.key`, or `LANDSEA_NEW_MASTER_KEY`. */
  readonly keyIn: 'master.key' | 'LANDSEA_NEW_MASTER_KEY'
  /** Values sealed again under the new key, per database. */
  readonly resealed: readonly { readonly database: string; readonly values: number }[]
}

/** Writes a new random key to `file` (0600), to disk before it returns; never over another. */
function writeNewKeyFile(file: string): void {
  const fd = openSync(file, 'wx', 0o600)
  try {
    writeSync(fd, `${randomBytes(32).toString('hex')}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Rotates the key-encryption key of a node's secrets (`landsea secrets rotate-key`,
 * docs/deploy.md). With `master.key`: writes the next key to `master.key.next` (kept when a
 * rotation cut short left one), seals every secret again under it, each database in one
 * transaction, then renames it over `master.key`. Until that rename, every node opening the data
 * opens secrets under either key, so a crash at any point leaves the node openable and running
 * this again finishes the rotation. With `LANDSEA_MASTER_KEY`, the new key is
 * `LANDSEA_NEW_MASTER_KEY` and the operator swaps the variables afterwards. Stop the node's
 * processes first: a running process seals and opens under the keys it started with. The
 * standalone witness's `witness.sqlite` in the same folder is rotated with the node's database.
 */
export async function rotateMasterKey({
  dataDir,
  databaseUrl,
  env = process.env,
}: {
  dataDir: string
  databaseUrl?: string
  env?: NodeJS.ProcessEnv
}): Promise<MasterKeyRotation> {
  const fromEnv = Boolean(env.LANDSEA_MASTER_KEY)
  if (fromEnv && !env.LANDSEA_NEW_MASTER_KEY) {
    throw new Error(
      'the key is LANDSEA_MASTER_KEY: give the new one as LANDSEA_NEW_MASTER_KEY (64 hex digits)',
    )
  }
  if (fromEnv) decodeKey(env.LANDSEA_NEW_MASTER_KEY!, 'LANDSEA_NEW_MASTER_KEY')
  const current = loadMasterKey({ dataDir, env })
  const nextFile = join(dataDir, NEXT_MASTER_KEY_FILE)
  if (!fromEnv && !existsSync(nextFile)) writeNewKeyFile(nextFile)
  const next = loadNextMasterKey({ dataDir, env })!
  const cipher = createSecretCipher({ key: next, previousKeys: [current] })
  const targets = [
    {
      database: databaseUrl ? 'PostgreSQL' : 'landsea.sqlite',
      options: databaseUrl ? { databaseUrl } : { dataDir },
    },
    ...(existsSync(join(dataDir, 'witness.sqlite'))
      ? [{ database: 'witness.sqlite', options: { dataDir, file: 'witness.sqlite' } }]
      : []),
  ]
  const resealed = []
  for (const { database, options } of targets) {
    resealed.push({ database, values: await resealSecrets(options, cipher) })
  }
  if (!fromEnv) renameSync(nextFile, join(dataDir, MASTER_KEY_FILE))
  return { keyIn: fromEnv ? 'LANDSEA_NEW_MASTER_KEY' : 'master.key', resealed }
}
