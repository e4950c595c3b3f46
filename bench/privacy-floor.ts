import type { TransferRecord } from '@landsea/core/privacy'
import type { Delivery } from '@landsea/core/tracking'
import { hash, randomUUID } from 'node:crypto'
import type { LandseaNode } from '@landsea/node'

/**
 * The floor arm of bench/privacy.bench.ts: only a conservative subset of what issue 12 requires
 * per crossing of personal data, through the node's own code: (a) one keyed hash of the subject's
 * identifier (the gate's `subjectHash`: the node's HMAC key, its memory of recent values), (b) the
 * register row written in one transaction with the queue entry (`appendWith`, the statements the
 * webhook gate's enqueue runs), (c) its ledger leaf (the privacy job's seal, timed by the bench).
 * Nothing else: no search of the payload, no minimised copy, no policy, no counters. The record is
 * made before the timed part but for its subject's keyed hash.
 */

/** A webhook record the gate wrote (its basis, categories, size): the floor's records copy it. */
export async function floorTemplate(node: LandseaNode): Promise<TransferRecord> {
  const entries = await node.privacy.register.list()
  const webhook = entries.filter((e) => e.record.channel === 'webhook').at(-1)
  if (!webhook) throw new Error('the warm-up recorded no webhook transfer')
  return webhook.record
}

/**
 * A delivery's record but for its subject's keyed hash, as the gate would write it (the members
 * stay in the template's RFC 8785 order): made outside the timed part.
 */
export const floorRecordOf = (template: TransferRecord, delivery: Delivery): TransferRecord => ({
  ...template,
  intentId: `webhook:${delivery.subscriptionID}:${delivery.deliveryID}`,
  payloadSha256: hash('sha256', delivery.payload),
  recordId: randomUUID(),
  recordedAt: new Date().toISOString(),
})

/**
 * The timed part of the floor's enqueue: each subject's keyed hash, then rows and queue entries.
 * Returns the CPU time (ms) of the keyed hashes alone.
 */
export async function floorEnqueue(
  node: LandseaNode,
  queued: readonly Delivery[],
  records: readonly TransferRecord[],
  subjects: readonly string[],
): Promise<number> {
  const entries = []
  const c0 = process.cpuUsage()
  for (const [k, delivery] of queued.entries()) {
    const subjectHash = await node.privacy.subjectHash(subjects[k]!)
    entries.push({
      record: { ...records[k]!, subjectHashes: [subjectHash] },
      deliveryId: delivery.deliveryID,
    })
  }
  const { user, system } = process.cpuUsage(c0)
  await node.privacy.register.appendWith(entries, queued)
  return (user + system) / 1000
}
