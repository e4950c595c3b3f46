import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { OutboxRecord, PlatformKeys } from '@landsea/core/pint'
import { documentChecksumOf } from '@landsea/core/privacy'
import { createNode, seedDemo } from '@landsea/node'
import {
  createFreshPostgresDatabase,
  openTestDatabase,
  TEST_DATABASES,
} from '@landsea/storage/testing'
import { describe, expect, it } from 'vitest'
import { exitSignal, issueToShipper, startChild } from './pint-children.js'

interface ReceiverReady {
  url: string
  jwks: PlatformKeys
}

// Where the receiver dies (fixtures/pint-receiver-node.ts), the how-manieth time it gets there (each
// transfer carries two documents: ours and an invoice), so that it dies on the second of four bills;
// and how many it has accepted by then: the first, and the second too when it dies after accepting
// it, before answering.
const STEPS = {
  'envelope-stored': { killOn: 2, accepted: 1 },
  'document-stored': { killOn: 4, accepted: 1 },
  'finish-received': { killOn: 2, accepted: 1 },
  'finish-accepted': { killOn: 2, accepted: 2 },
} as const

const BILLS = 4
const invoice = new TextEncoder().encode('commercial invoice '.repeat(20))

describe('a receiving node killed at each step of receiving PINT transfers', () => {
  for (const kind of TEST_DATABASES) {
    for (const [at, { killOn, accepted: acceptedBeforeRetry }] of Object.entries(STEPS)) {
      it(`[${kind}] killed at ${at}: the sender retries, no bill is active on two platforms, none is lost`, async () => {
        // Chongqing, the sender, in this process; Singapore, the receiver, in its own.
        const cq = await createNode({
          database: await openTestDatabase(kind),
          platformCode: 'LSCQ',
          checkpointIntervalMs: 0,
          outbound: { allowLoopback: true },
        })
        const o = (await seedDemo(cq, { withTracking: false }))!.organisations
        const bills: string[] = []
        for (let i = 0; i < BILLS; i++)
          bills.push(await issueToShipper(cq, o, `LSRKILL${String(i).padStart(5, '0')}`))
        const dataDir = mkdtempSync(join(tmpdir(), 'landsea-pint-receiver-kill-'))
        const fresh =
          kind === 'postgres' ? await createFreshPostgresDatabase('landsea_pint_rkill') : undefined
        const databaseUrl = fresh?.url
        const storage = databaseUrl ? { dataDir, databaseUrl } : { dataDir }
        const env = {
          CHILD_DATA_DIR: dataDir,
          CHILD_PEER_JWKS: JSON.stringify((await cq.pint.platform()).jwks),
          ...(databaseUrl ? { CHILD_DATABASE_URL: databaseUrl } : {}),
        }
        // What the receiver holds, read from its storage while it is down.
        const receiverInbox = async () => {
          const sg = await createNode({ ...storage, platformCode: 'LSSG', checkpointIntervalMs: 0 })
          try {
            return await sg.pint.inbox()
          } finally {
            await sg.close()
          }
        }
        const stillHeldHere = async (id: string) =>
          cq.registry
            .act({
              documentId: id,
              actor: o.shipper.id,
              action: 'ENDORSE_TO_ORDER',
              recipient: o.cnBank.id,
            })
            .then(
              () => true,
              (error: { code?: string }) => {
                expect(error.code).toBe('EBL_CONFLICT')
                return false
              },
            )
        try {
          let sg = await startChild<ReceiverReady>('pint-receiver-node.ts', {
            ...env,
            CHILD_KILL_AT: at,
            CHILD_KILL_ON: String(killOn),
          })
          await cq.pint.addPlatform({
            code: 'LSSG',
            name: 'Singapore node',
            url: sg.url,
            jwks: sg.jwks,
            parties: [],
          })

          // One after the other: the first goes through, the receiver dies during the second.
          const sent: OutboxRecord[] = []
          for (const id of bills) {
            sent.push(
              await cq.pint.transferOut({
                documentId: id,
                actor: o.shipper.id,
                action: 'ENDORSE_TO_ORDER',
                recipient: {
                  platform: 'LSSG',
                  codeListProvider: 'ZZZ',
                  codeListName: 'UEN',
                  partyCode: '201912345R',
                },
                documents: [{ name: 'invoice.txt', mediaType: 'text/plain', content: invoice }],
              }),
            )
          }
          expect(await exitSignal(sg.child)).toBe('SIGKILL')
          expect(sent.map((t) => t.status)).toEqual([
            'TRANSFERRED',
            'SENDING',
            'SENDING',
            'SENDING',
          ])

          // The receiver down: every bill it accepted is locked here, with its transfer in the outbox.
          const before = await receiverInbox()
          const accepted = before.filter((r) => r.status === 'ACCEPTED')
          expect(accepted).toHaveLength(acceptedBeforeRetry)
          const checksums = new Map<string, string>()
          // PINT names the bill by DCSA's checksum of the document itself (docs/privacy.md).
          for (const id of bills)
            checksums.set(documentChecksumOf((await cq.registry.get(id)).document, undefined), id)
          for (const r of accepted) {
            const id = checksums.get(r.documentChecksum)!
            expect(sent.find((t) => t.documentId === id)).toBeDefined()
            expect(await stillHeldHere(id)).toBe(false)
          }

          // Restarted on the same port, not to die again: the retries finish every transfer.
          const port = new URL(sg.url).port
          sg = await startChild<ReceiverReady>('pint-receiver-node.ts', {
            ...env,
            CHILD_PORT: port,
          })
          try {
            // The sender retries, as its background job does, until every transfer has its signed
            // answer (on a busy machine an attempt may time out and stay SENDING for the next round).
            for (let round = 0; round < 3; round++) {
              if ((await cq.pint.outbox({ status: 'SENDING' })).length === 0) break
              await cq.pint.deliverPending()
            }
            const outbox = await cq.pint.outbox()
            expect(outbox.map((t) => `${t.status} ${t.lastError ?? ''}`)).toEqual(
              bills.map(() => 'TRANSFERRED '),
            )
            // The one it accepted without answering is answered DUPE on the retry, the rest RECE
            // (DUPE too after a retry that timed out once the receiver had accepted).
            const second = outbox.find((t) => t.documentId === bills[1])!
            const answers =
              at === 'finish-accepted'
                ? ['DUPE']
                : second.attempts === 2
                  ? ['RECE']
                  : ['RECE', 'DUPE']
            expect(answers).toContain(second.responseCode)
          } finally {
            sg.child.kill('SIGKILL')
            await exitSignal(sg.child)
          }
          // Each bill accepted exactly once there, and held by no one here.
          const after = await receiverInbox()
          expect(after.filter((r) => r.status === 'ACCEPTED')).toHaveLength(BILLS)
          expect(new Set(after.map((r) => r.documentChecksum)).size).toBe(after.length)
          for (const id of bills) expect(await stillHeldHere(id)).toBe(false)
        } finally {
          await cq.close()
          await fresh?.drop()
        }
      }, 180_000)
    }
  }
})
