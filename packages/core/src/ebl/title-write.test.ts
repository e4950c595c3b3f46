import { describe, expect, it } from 'vitest'
import { generateSigningKeyPair } from '../crypto/index.js'
import { decodeLeaf, encodeLeaf } from '../ledger/leaf-envelope.js'
import {
  computeDocumentChecksum,
  computeEntryChecksum,
  createNonce,
  signActionEntry,
  type ActionEntryPayload,
} from './action-entry.js'
import { freezeDocumentForIssue } from './issue-document.js'
import type { EblRecord } from './ports.js'
import { titleStateForDocument } from './document-title-state.js'
import { createSampleCorridorBill } from './sample-bill.js'
import { planTitleWrite } from './title-write.js'

const at = '2026-12-01T09:00:00.000Z'
const acceptedAt = '2026-12-01T09:00:01.000Z'
const document = createSampleCorridorBill({
  reference: 'PLAN1',
  carrier: 'org-carrier',
  shipper: 'org-shipper',
})
const draft: EblRecord = {
  id: 'bill-1',
  reference: 'PLAN1',
  version: 1,
  document,
  documentChecksum: computeDocumentChecksum(document),
  state: titleStateForDocument(document),
  lastEntryChecksum: null,
  amendsId: null,
  amendedById: null,
  createdAt: at,
  updatedAt: at,
}

async function sign(payload: Omit<ActionEntryPayload, 'at' | 'nonce'>) {
  const key = await generateSigningKeyPair()
  const full: ActionEntryPayload = { ...payload, at, nonce: createNonce() }
  return {
    jws: await signActionEntry({ payload: full, organisationId: payload.actor, key }),
    payload: full,
    kid: key.kid,
  }
}

async function issue(record: EblRecord) {
  const signed = await sign({
    documentChecksum: computeDocumentChecksum(freezeDocumentForIssue(record.document, at)),
    previousEntryChecksum: null,
    action: 'ISSUE',
    actor: 'org-carrier',
    recipient: 'org-shipper',
  })
  return {
    signed,
    write: planTitleWrite({
      record,
      jws: signed.jws,
      payload: signed.payload,
      signerKid: signed.kid,
      acceptedAt,
    }),
  }
}

describe('planTitleWrite', () => {
  it('plans an ISSUE: the frozen document, the first entry, its state and its one ebl-action leaf', async () => {
    const { signed, write } = await issue(draft)
    const frozen = freezeDocumentForIssue(document, at)
    const entryChecksum = computeEntryChecksum(signed.jws)
    expect(write.entry).toEqual({
      documentId: 'bill-1',
      seq: 1,
      jws: signed.jws,
      entryChecksum,
      previousEntryChecksum: null,
      payload: signed.payload,
      signerKid: signed.kid,
      acceptedAt,
    })
    expect(write.record).toMatchObject({
      document: frozen,
      documentChecksum: computeDocumentChecksum(frozen),
      lastEntryChecksum: entryChecksum,
      updatedAt: acceptedAt,
      state: { status: 'ISSUED', possessor: 'org-shipper', sequence: 1 },
    })
    expect(write.expectedLastEntryChecksum).toBeNull()
    expect(write.isDocumentFrozen).toBe(true)
    expect(write.amendsId).toBeNull()
    expect(write.leaves).toEqual([encodeLeaf({ type: 'ebl-action', body: signed.jws })])
    expect(decodeLeaf(write.leaves[0]!)).toEqual({ v: 1, type: 'ebl-action', body: signed.jws })
  })

  it('plans a move on the head: only the title state and head change, guarded by the old head', async () => {
    const issued = (await issue(draft)).write.record
    const signed = await sign({
      documentChecksum: issued.documentChecksum,
      previousEntryChecksum: issued.lastEntryChecksum,
      action: 'BLANK_ENDORSE',
      actor: 'org-shipper',
      recipient: null,
    })
    const write = planTitleWrite({
      record: issued,
      jws: signed.jws,
      payload: signed.payload,
      signerKid: signed.kid,
      acceptedAt,
    })
    expect(write.expectedLastEntryChecksum).toBe(issued.lastEntryChecksum)
    expect(write.isDocumentFrozen).toBe(false)
    expect(write.amendsId).toBeNull()
    expect(write.record.document).toBe(issued.document)
    expect(write.record.state).toMatchObject({ isBlankEndorsed: true, sequence: 2 })
    expect(write.entry.previousEntryChecksum).toBe(issued.lastEntryChecksum)
    expect(write.leaves).toHaveLength(1)
  })

  it('marks the replaced bill when an amendment is issued', async () => {
    const { write } = await issue({ ...draft, id: 'bill-2', version: 2, amendsId: 'bill-1' })
    expect(write.amendsId).toBe('bill-1')
  })

  it('refuses a replaced bill, another document version, a moved head and a rule break', async () => {
    const { signed } = await issue(draft)
    const plan = (record: EblRecord, payload = signed.payload) =>
      planTitleWrite({ record, jws: signed.jws, payload, signerKid: signed.kid, acceptedAt })
    expect(() => plan({ ...draft, amendedById: 'bill-2' })).toThrow(
      expect.objectContaining({ code: 'EBL_INVALID_STATE' }),
    )
    expect(() => plan(draft, { ...signed.payload, documentChecksum: 'f'.repeat(64) })).toThrow(
      expect.objectContaining({ code: 'EBL_CHECKSUM_MISMATCH' }),
    )
    expect(() => plan(draft, { ...signed.payload, previousEntryChecksum: 'f'.repeat(64) })).toThrow(
      expect.objectContaining({ code: 'EBL_CONFLICT' }),
    )
    expect(() => plan(draft, { ...signed.payload, actor: 'org-shipper' })).toThrow(
      expect.objectContaining({ code: 'EBL_NOT_ISSUER' }),
    )
  })
})
