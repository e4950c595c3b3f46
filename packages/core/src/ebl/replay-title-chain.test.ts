import { describe, expect, it } from 'vitest'
import { generateSigningKeyPair, type SigningKeyPair } from '../crypto/index.js'
import {
  computeDocumentChecksum,
  computeEntryChecksum,
  createNonce,
  signActionEntry,
  type ActionEntryPayload,
} from './action-entry.js'
import bill from './fixtures/corridor-bill.json' with { type: 'json' }
import { freezeDocumentForIssue } from './issue-document.js'
import { replayTitleChain } from './replay-title-chain.js'
import type { TransportDocument } from './transport-document.js'

const draft = bill as unknown as TransportDocument
const at = '2026-12-01T09:00:00.000Z'
const document = freezeDocumentForIssue(draft, at)

async function buildChain() {
  const keys: Record<string, SigningKeyPair> = {
    'org-carrier': await generateSigningKeyPair(),
    'org-shipper': await generateSigningKeyPair({ alg: 'ES256' }),
    'org-bank': await generateSigningKeyPair(),
  }
  const documentChecksum = computeDocumentChecksum(document)
  const steps: [ActionEntryPayload['action'], string, string | null][] = [
    ['ISSUE', 'org-carrier', 'org-shipper'],
    ['ENDORSE_TO_ORDER', 'org-shipper', 'org-bank'],
    ['TRANSFER', 'org-shipper', 'org-bank'],
  ]
  const entries: string[] = []
  let previous: string | null = null
  for (const [action, actor, recipient] of steps) {
    const payload: ActionEntryPayload = {
      documentChecksum,
      previousEntryChecksum: previous,
      action,
      actor,
      recipient,
      at,
      nonce: createNonce(),
    }
    const jws = await signActionEntry({ payload, organisationId: actor, key: keys[actor]! })
    entries.push(jws)
    previous = computeEntryChecksum(jws)
  }
  const resolveKey = (org: string, kid: string) => (keys[org]?.kid === kid ? keys[org] : undefined)
  return { entries, resolveKey, keys }
}

describe('replayTitleChain', () => {
  it('replays a valid chain to its state', async () => {
    const { entries, resolveKey } = await buildChain()
    const result = await replayTitleChain({ document, entries, resolveKey })
    expect(result.problems).toEqual([])
    expect(result.isValid).toBe(true)
    expect(result.state).toMatchObject({
      status: 'ISSUED',
      possessor: 'org-bank',
      holder: 'org-bank',
    })
  })

  it('names the step that fails: document, linkage, signature, rules, parse', async () => {
    const { entries, resolveKey } = await buildChain()
    const otherDoc = { ...document, termsAndConditions: 'changed' }
    expect(
      (await replayTitleChain({ document: otherDoc, entries, resolveKey })).problems[0],
    ).toMatchObject({ index: 0, step: 'linkage', code: 'EBL_CHECKSUM_MISMATCH' })
    const reordered = [entries[0]!, entries[2]!, entries[1]!]
    expect(
      (await replayTitleChain({ document, entries: reordered, resolveKey })).problems[0],
    ).toMatchObject({ index: 1, step: 'linkage', code: 'EBL_CHAIN_BROKEN' })
    const [h, p, s] = entries[1]!.split('.')
    const badSig = `${h}.${p}.${s!.slice(0, -4)}AAAA`
    expect(
      (await replayTitleChain({ document, entries: [entries[0]!, badSig], resolveKey }))
        .problems[0],
    ).toMatchObject({ index: 1, step: 'signature', code: 'EBL_SIGNATURE_INVALID' })
    expect(
      (await replayTitleChain({ document, entries: [entries[0]!, 'not a jws'], resolveKey }))
        .problems[0],
    ).toMatchObject({ index: 1, step: 'parse' })
    expect(
      (await replayTitleChain({ document, entries: [entries[1]!], resolveKey })).problems[0],
    ).toMatchObject({ index: 0, step: 'linkage' })
    expect((await replayTitleChain({ document, entries: [], resolveKey })).isValid).toBe(false)
  })

  it('refuses an action signed by someone other than its actor', async () => {
    const { entries, keys, resolveKey } = await buildChain()
    const payload: ActionEntryPayload = {
      documentChecksum: computeDocumentChecksum(document),
      previousEntryChecksum: computeEntryChecksum(entries[2]!),
      action: 'TRANSFER',
      actor: 'org-bank',
      recipient: 'org-shipper',
      at,
      nonce: createNonce(),
    }
    const forged = await signActionEntry({
      payload,
      organisationId: 'org-shipper',
      key: keys['org-shipper']!,
    })
    const result = await replayTitleChain({ document, entries: [...entries, forged], resolveKey })
    expect(result.problems[0]).toMatchObject({
      index: 3,
      step: 'signature',
      code: 'EBL_SIGNATURE_INVALID',
    })
    expect(result.state?.possessor).toBe('org-bank')
  })

  it('refuses a rule-breaking but well-signed action', async () => {
    const { entries, keys, resolveKey } = await buildChain()
    const payload: ActionEntryPayload = {
      documentChecksum: computeDocumentChecksum(document),
      previousEntryChecksum: computeEntryChecksum(entries[2]!),
      action: 'TRANSFER',
      actor: 'org-shipper',
      recipient: 'org-carrier',
      at,
      nonce: createNonce(),
    }
    const jws = await signActionEntry({
      payload,
      organisationId: 'org-shipper',
      key: keys['org-shipper']!,
    })
    const result = await replayTitleChain({ document, entries: [...entries, jws], resolveKey })
    expect(result.problems[0]).toMatchObject({ index: 3, step: 'rules', code: 'EBL_NOT_POSSESSOR' })
  })
})
