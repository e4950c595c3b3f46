import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PlatformKeys } from '@landsea/core/pint'
import { documentChecksumOf } from '@landsea/core/privacy'
import { createNode, seedDemo, type DemoSeed } from '@landsea/node'
import {
  createFreshPostgresDatabase,
  openTestDatabase,
  TEST_DATABASES,
} from '@landsea/storage/testing'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { startChild } from './pint-children.js'

interface ChildReady {
  url: string
  seed: DemoSeed
  bills: string[]
  jwks: PlatformKeys
}

describe('a sending node killed in the middle of PINT transfers', () => {
  for (const kind of TEST_DATABASES) {
    it(`[${kind}] after SIGKILL and restart no bill is active on two platforms and none is lost`, async () => {
      // Singapore, the receiver, listening on 127.0.0.1.
      const sg = await createNode({
        database: await openTestDatabase(kind),
        platformCode: 'LSSG',
        checkpointIntervalMs: 0,
      })
      await seedDemo(sg, { withTracking: false })
      const sgApp = await buildApp({ node: sg })
      const sgUrl = await sgApp.listen({ port: 0, host: '127.0.0.1' })
      const dataDir = mkdtempSync(join(tmpdir(), 'landsea-pint-kill-'))
      const fresh =
        kind === 'postgres' ? await createFreshPostgresDatabase('landsea_pint_kill') : undefined
      const databaseUrl = fresh?.url
      // The data folder holds the master key that seals the node's secrets, on either database.
      const storage = databaseUrl ? { dataDir, databaseUrl } : { dataDir }
      try {
        const { child, url, seed, bills, jwks } = await startChild<ChildReady>(
          'pint-child-node.ts',
          {
            CHILD_DATA_DIR: dataDir,
            // The receiver listens on this machine: the operator allows loopback targets.
            LANDSEA_OUTBOUND_ALLOW: 'loopback',
            CHILD_PEER_URL: sgUrl,
            CHILD_PEER_JWKS: JSON.stringify((await sg.pint.platform()).jwks),
            ...(databaseUrl ? { CHILD_DATABASE_URL: databaseUrl } : {}),
          },
        )
        await sg.pint.addPlatform({ code: 'LSCQ', name: 'Chongqing node', url, jwks, parties: [] })

        // Every bill sent at once; the sender is killed as soon as three have been answered.
        let answered = 0
        const exited = new Promise((resolve) => child.once('exit', resolve))
        await Promise.allSettled(
          bills.map(async (id) => {
            const res = await fetch(`${url}/api/ebl/${id}/pint-transfers`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${seed.organisations.shipper.apiKey}`,
                'content-type': 'application/json',
              },
              body: JSON.stringify({
                action: 'ENDORSE_TO_ORDER',
                recipient: {
                  platform: 'LSSG',
                  codeListProvider: 'ZZZ',
                  codeListName: 'UEN',
                  partyCode: '201912345R',
                },
              }),
            })
            if (res.ok && ++answered === 3) child.kill('SIGKILL')
          }),
        )
        if (answered < 3) child.kill('SIGKILL')
        await exited

        // Restarted: every bill Singapore accepted is locked here, with its transfer in the outbox.
        const cq = await createNode({
          ...storage,
          platformCode: 'LSCQ',
          checkpointIntervalMs: 0,
          outbound: { allowLoopback: true },
        })
        try {
          const accepted = new Set(
            (await sg.pint.inbox())
              .filter((r) => r.status === 'ACCEPTED')
              .map((r) => r.documentChecksum),
          )
          const outbox = await cq.pint.outbox()
          const sending = new Set(outbox.map((t) => t.documentId))
          for (const id of bills) {
            const record = await cq.registry.get(id)
            // PINT names the bill by DCSA's checksum of the document itself (docs/privacy.md).
            if (accepted.has(documentChecksumOf(record.document, undefined)))
              expect(sending.has(id)).toBe(true)
            if (sending.has(id)) {
              await expect(
                cq.registry.act({
                  documentId: id,
                  actor: seed.organisations.shipper.id,
                  action: 'ENDORSE_TO_ORDER',
                  recipient: seed.organisations.cnBank.id,
                }),
              ).rejects.toMatchObject({ code: 'EBL_CONFLICT' })
            }
          }
          // The retries finish every transfer that had started; none is accepted twice.
          await cq.pint.deliverPending()
          const after = await cq.pint.outbox()
          expect(after.map((t) => `${t.status} ${t.lastError ?? ''}`)).toEqual(
            after.map(() => 'TRANSFERRED '),
          )
          const inbox = await sg.pint.inbox()
          expect(inbox.filter((r) => r.status === 'ACCEPTED')).toHaveLength(after.length)
          expect(new Set(inbox.map((r) => r.documentChecksum)).size).toBe(inbox.length)
          // A bill that never left is still its shipper's here.
          const stayed = bills.filter((id) => !sending.has(id))
          for (const id of stayed.slice(0, 1)) {
            const moved = await cq.registry.act({
              documentId: id,
              actor: seed.organisations.shipper.id,
              action: 'ENDORSE_TO_ORDER',
              recipient: seed.organisations.cnBank.id,
            })
            expect(moved.record.state.holder).toBe(seed.organisations.cnBank.id)
          }
        } finally {
          await cq.close()
        }
      } finally {
        await sgApp.close()
        await sg.close()
        await fresh?.drop()
      }
    }, 300_000)
  }
})
