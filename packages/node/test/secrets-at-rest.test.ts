import { mkdirSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createNode, openStandaloneWitness, seedDemo } from '../src/index.js'

const mode = (path: string) => statSync(path).mode & 0o777

function rows(file: string) {
  const db = new Database(file, { readonly: true })
  try {
    return {
      settings: db.prepare('select key, value from node_settings').all() as {
        key: string
        value: string
      }[],
      keys: db
        .prepare('select private_jwk from organisation_keys where private_jwk is not null')
        .all() as { private_jwk: string }[],
    }
  } finally {
    db.close()
  }
}

describe('secrets at rest', () => {
  it('seals seeds and custodial keys under the data folder key; folder 0700, files 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'landsea-secrets-')), 'data')
    const node = await createNode({ dataDir })
    const seed = (await seedDemo(node, { withTracking: false }))!
    const keysBefore = node.ledger.keys
    expect(mode(dataDir)).toBe(0o700)
    // SQLite's -wal and -shm exist while the database is open; they take the main file's mode.
    for (const file of [
      'landsea.sqlite',
      'landsea.sqlite-wal',
      'landsea.sqlite-shm',
      'master.key',
    ]) {
      expect(mode(join(dataDir, file)), file).toBe(0o600)
    }
    await node.close()
    const stored = rows(join(dataDir, 'landsea.sqlite'))
    expect(stored.settings.length).toBeGreaterThan(0)
    expect(stored.keys.length).toBeGreaterThan(0)
    for (const { value } of [
      ...stored.settings,
      ...stored.keys.map((k) => ({ value: k.private_jwk })),
    ]) {
      expect(value.startsWith('lsenc:v1:')).toBe(true)
      expect(value).not.toContain('"d"')
      expect(value).not.toContain('logSeed')
    }

    // Reopened with the same key: same ledger keys, custodial signing still works.
    const again = await createNode({ dataDir })
    try {
      expect(again.ledger.keys).toEqual(keysBefore)
      const key = await again.organisations.getCustodialKey(seed.organisations.carrier.id)
      expect(key?.privateJwk).toHaveProperty('d')
    } finally {
      await again.close()
    }
  })

  it('seals clear values an older database holds, and refuses to start under another key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'landsea-secrets-'))
    // An older node wrote its secrets in clear: a node given an open database without a key.
    const { createDatabase } = await import('@landsea/storage')
    const file = join(dataDir, 'landsea.sqlite')
    const clear = await createNode({ database: await createDatabase({ file }) })
    await seedDemo(clear, { withTracking: false })
    const keys = clear.ledger.keys
    await clear.close()
    expect(rows(file).settings.some((s) => s.value.includes('logSeed'))).toBe(true)

    const sealed = await createNode({ dataDir })
    expect(sealed.ledger.keys).toEqual(keys)
    await sealed.close()
    const after = rows(file)
    expect(after.settings.every((s) => s.value.startsWith('lsenc:v1:'))).toBe(true)
    expect(after.keys.every((k) => k.private_jwk.startsWith('lsenc:v1:'))).toBe(true)

    await expect(createNode({ dataDir, masterKey: new Uint8Array(32).fill(7) })).rejects.toThrow(
      /does not open under this key-encryption key/,
    )
  })

  it("seals the standalone witness's key like the node's, and seals one an older version left in clear", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'landsea-witness-secrets-')), 'data')
    const file = join(dataDir, 'witness.sqlite')
    // An older witness wrote its seed in clear.
    const { createDatabase, createNodeSettingsStore } = await import('@landsea/storage')
    const older = await createDatabase({ file: (mkdirSync(dataDir, { recursive: true }), file) })
    const seed = Buffer.alloc(32, 9).toString('base64')
    await createNodeSettingsStore(older.db).set('witness.seed', seed)
    await older.destroy()

    const witness = await openStandaloneWitness({ dataDir, logKeys: [] })
    const witnessKey = witness.witnessKey
    await witness.close()
    expect(mode(dataDir)).toBe(0o700)
    for (const name of ['witness.sqlite', 'master.key'])
      expect(mode(join(dataDir, name))).toBe(0o600)
    const stored = rows(file).settings
    expect(stored.map((s) => s.key)).toEqual(['witness.seed'])
    expect(stored[0]!.value.startsWith('lsenc:v1:')).toBe(true)
    expect(stored[0]!.value).not.toContain(seed)

    // Reopened under the same key: the same witness key, from the sealed seed.
    const again = await openStandaloneWitness({ dataDir, logKeys: [] })
    expect(again.witnessKey).toBe(witnessKey)
    await again.close()
  })
})
