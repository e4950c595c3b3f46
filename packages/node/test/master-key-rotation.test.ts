import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFreshPostgresDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import { describe, expect, it } from 'vitest'
import { createNode, openStandaloneWitness, rotateMasterKey, seedDemo } from '../src/index.js'

describe('key-encryption key rotation (landsea secrets rotate-key)', () => {
  for (const kind of TEST_DATABASES) {
    it(`[${kind}] seals every secret again under a new master.key; the old key no longer opens them`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'landsea-rotate-'))
      const fresh = kind === 'postgres' ? await createFreshPostgresDatabase() : undefined
      const storage = { dataDir, ...(fresh ? { databaseUrl: fresh.url } : {}) }
      try {
        const node = await createNode(storage)
        const seed = (await seedDemo(node, { withTracking: false }))!
        const keys = node.ledger.keys
        await node.close()
        const witness = await openStandaloneWitness({ dataDir, logKeys: [] })
        const witnessKey = witness.witnessKey
        await witness.close()
        const oldKey = readFileSync(join(dataDir, 'master.key'), 'utf8').trim()

        const rotation = await rotateMasterKey(storage)
        expect(rotation.keyIn).toBe('master.key')
        expect(rotation.resealed.map((r) => r.database)).toEqual([
          fresh ? 'PostgreSQL' : 'landsea.sqlite',
          'witness.sqlite',
        ])
        for (const r of rotation.resealed) expect(r.values).toBeGreaterThan(0)
        const newKey = readFileSync(join(dataDir, 'master.key'), 'utf8').trim()
        expect(newKey).not.toBe(oldKey)
        expect(existsSync(join(dataDir, 'master.key.next'))).toBe(false)

        const again = await createNode(storage)
        try {
          expect(again.ledger.keys).toEqual(keys)
          const key = await again.organisations.getCustodialKey(seed.organisations.carrier.id)
          expect(key?.privateJwk).toHaveProperty('d')
        } finally {
          await again.close()
        }
        const witnessAgain = await openStandaloneWitness({ dataDir, logKeys: [] })
        expect(witnessAgain.witnessKey).toBe(witnessKey)
        await witnessAgain.close()
        await expect(
          createNode({ ...storage, masterKey: Buffer.from(oldKey, 'hex') }),
        ).rejects.toThrow(/does not open under this key-encryption key/)
      } finally {
        await fresh?.drop()
      }
    }, 60_000)

    it(`[${kind}] a rotation cut short leaves the node openable, and running it again finishes it`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'landsea-rotate-crash-'))
      const fresh = kind === 'postgres' ? await createFreshPostgresDatabase() : undefined
      const storage = { dataDir, ...(fresh ? { databaseUrl: fresh.url } : {}) }
      try {
        const node = await createNode(storage)
        await seedDemo(node, { withTracking: false })
        const keys = node.ledger.keys
        await node.close()
        // Cut short after the next key was written, before any database was sealed again: the
        // state a crash leaves at that point.
        const next = `${'ab'.repeat(32)}\n`
        writeFileSync(join(dataDir, 'master.key.next'), next, { mode: 0o600 })
        const during = await createNode(storage)
        expect(during.ledger.keys).toEqual(keys)
        await during.close()

        await rotateMasterKey(storage)
        expect(readFileSync(join(dataDir, 'master.key'), 'utf8')).toBe(next)
        expect(existsSync(join(dataDir, 'master.key.next'))).toBe(false)
        const after = await createNode(storage)
        expect(after.ledger.keys).toEqual(keys)
        await after.close()
      } finally {
        await fresh?.drop()
      }
    }, 60_000)
  }

  it('with LANDSEA_MASTER_KEY, seals again under LANDSEA_NEW_MASTER_KEY', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'landsea-rotate-env-'))
    const oldKey = '11'.repeat(32)
    const newKey = '22'.repeat(32)
    const node = await createNode({ dataDir, masterKey: Buffer.from(oldKey, 'hex') })
    await seedDemo(node, { withTracking: false })
    const keys = node.ledger.keys
    await node.close()
    await expect(rotateMasterKey({ dataDir, env: { LANDSEA_MASTER_KEY: oldKey } })).rejects.toThrow(
      /LANDSEA_NEW_MASTER_KEY/,
    )
    const rotation = await rotateMasterKey({
      dataDir,
      env: { LANDSEA_MASTER_KEY: oldKey, LANDSEA_NEW_MASTER_KEY: newKey },
    })
    expect(rotation.keyIn).toBe('LANDSEA_NEW_MASTER_KEY')
    const after = await createNode({ dataDir, masterKey: Buffer.from(newKey, 'hex') })
    expect(after.ledger.keys).toEqual(keys)
    await after.close()
    await expect(createNode({ dataDir, masterKey: Buffer.from(oldKey, 'hex') })).rejects.toThrow(
      /does not open/,
    )
  })
})
