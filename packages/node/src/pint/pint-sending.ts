import { randomUUID } from 'node:crypto'
import {
  applyTitleAction,
  computeDocumentChecksum,
  EblError,
  type ActionCode,
  type PledgeFlag,
} from '@landsea/core/ebl'
import {
  buildEnvelope,
  foreignPartyId,
  PintError,
  toPintAction,
  verifyPintJws,
  type OutboxRecord,
  type PintFinishedResponse,
  type PintIdentifyingCode,
  type PintParty,
  type PintStore,
  type PintTransaction,
  type PlatformRecord,
} from '@landsea/core/pint'
import type { PintOutbound } from '../privacy/pint-gate.js'
import { activeKey } from './platform-identity.js'
import { EVIDENCE_DOCUMENT } from './pint-evidence.js'
import { chainToExtend } from './pint-import.js'
import { pintParties, sha256 } from './pint-parties.js'
import type { PintPorts } from './pint-ports.js'
import { validatePint } from './pint-schemas.js'

/** Who to send a bill to on another platform. */
export interface PintRecipient {
  readonly platform: string
  readonly partyCode: string
  readonly codeListProvider: string
  readonly codeListName?: string
  readonly partyName?: string
}

/** A title action that sends the bill to another platform. */
export interface TransferOutRequest {
  readonly documentId: string
  readonly actor: string
  readonly action: ActionCode
  readonly recipient: PintRecipient
  readonly pledge?: PledgeFlag
  /** Supporting documents to send with the bill (PINT `supportingDocuments`). */
  readonly documents?: readonly { name: string; mediaType: string; content: Uint8Array }[]
}

/** The sending side of PINT: the outbox and the one function by which envelopes leave. */
export interface PintSending {
  transferOut(request: TransferOutRequest): Promise<OutboxRecord>
  deliver(id: string): Promise<OutboxRecord>
  deliverPending(): Promise<number>
  outbox(filter?: { status?: OutboxRecord['status']; documentId?: string }): Promise<OutboxRecord[]>
}

export function createPintSending({
  identity,
  platforms,
  store,
  registry,
  organisations,
  fetch,
  now,
  evidence,
  primitives = {},
  beforeSend = async (_outbound: PintOutbound) => undefined,
}: Pick<
  PintPorts,
  | 'identity'
  | 'platforms'
  | 'store'
  | 'registry'
  | 'organisations'
  | 'fetch'
  | 'now'
  | 'evidence'
  | 'primitives'
  | 'beforeSend'
>): PintSending {
  const { partiesOn } = pintParties(organisations)

  /** The one function by which an envelope (and its documents) leaves this node. */
  const send = async (
    transfer: OutboxRecord,
    platform: PlatformRecord,
  ): Promise<PintFinishedResponse | undefined> => {
    const base = platform.url.replace(/\/$/, '')
    const call = async (method: 'POST' | 'PUT', path: string, body?: string) => {
      const headers: Record<string, string> = { 'api-version': '3' }
      if (body !== undefined) headers['content-type'] = 'application/json'
      const res = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      })
      return { status: res.status, text: await res.text() }
    }
    const signedAnswer = async (res: { status: number; text: string }) => {
      let jws: unknown
      try {
        jws = JSON.parse(res.text)
      } catch {
        return undefined
      }
      if (typeof jws !== 'string') return undefined
      const payload = await verifyPintJws(jws, platform.jwks, primitives.verify)
      if (validatePint('EnvelopeTransferFinishedResponse', payload).length > 0) return undefined
      const response = payload as PintFinishedResponse
      if (
        response.lastEnvelopeTransferChainEntrySignedContentChecksum !== transfer.lastEntryChecksum
      )
        return undefined
      return { ...response, jws }
    }
    let res = await call('POST', '/v3/envelopes', transfer.envelope)
    if (res.status === 201) {
      const start = JSON.parse(res.text) as {
        envelopeReference: string
        missingAdditionalDocumentChecksums: string[]
      }
      if (validatePint('EnvelopeTransferStartedResponse', start).length > 0)
        throw new Error('the receiver answered with an invalid EnvelopeTransferStartedResponse')
      const ref = encodeURIComponent(start.envelopeReference)
      for (const checksum of start.missingAdditionalDocumentChecksums) {
        const content = transfer.documents[checksum]
        if (content === undefined) continue
        // The body is the document's base64 as a JSON string. Base64's alphabet needs no escaping in
        // JSON, and this is base64 the node made (`toString('base64')` below, kept in its outbox):
        // quoted as it is, not scanned again by `JSON.stringify` (~0.1 ms for a 60 kB document).
        const put = await call(
          'PUT',
          `/v3/envelopes/${ref}/additional-documents/${checksum}`,
          `"${content}"`,
        )
        if (put.status !== 204) return signedAnswer(put)
      }
      res = await call('PUT', `/v3/envelopes/${ref}/finish-transfer`)
    }
    return signedAnswer(res)
  }

  /** One attempt at a transfer still `SENDING`, and its outcome stored. */
  const attempt = async (
    transfer: OutboxRecord,
    platform: PlatformRecord | undefined,
  ): Promise<OutboxRecord> => {
    const id = transfer.id
    let change: Parameters<PintStore['updateTransfer']>[1]
    try {
      if (!platform) throw new Error(`platform ${transfer.platform} is no longer in the directory`)
      const response = await send(transfer, platform)
      if (!response) throw new Error('no signed response from the receiving platform')
      const { jws, ...content } = response as PintFinishedResponse & { jws: string }
      const code = content.responseCode
      const status =
        code === 'RECE' || code === 'DUPE'
          ? 'TRANSFERRED'
          : code === 'BSIG' || code === 'BENV' || code === 'DISE'
            ? 'REJECTED'
            : 'SENDING'
      change = {
        status,
        attempts: transfer.attempts + 1,
        response: jws,
        responseCode: code,
        lastError: status === 'SENDING' ? (content.reason ?? code) : null,
        updatedAt: now(),
      }
    } catch (error) {
      change = {
        status: 'SENDING',
        attempts: transfer.attempts + 1,
        response: transfer.response,
        responseCode: transfer.responseCode,
        lastError: error instanceof Error ? error.message : String(error),
        updatedAt: now(),
      }
    }
    await store.updateTransfer(id, change)
    return { ...transfer, ...change }
  }

  const deliver = async (id: string): Promise<OutboxRecord> => {
    const transfer = await store.getTransfer(id)
    if (!transfer) throw new PintError('PINT_NOT_FOUND', `no transfer ${id}`)
    if (transfer.status !== 'SENDING') return transfer
    return attempt(transfer, await platforms.get(transfer.platform))
  }

  return {
    async transferOut({ documentId, actor, action, recipient, pledge, documents = [] }) {
      const platform = await platforms.get(recipient.platform)
      if (!platform)
        throw new PintError(
          'PINT_UNKNOWN_PLATFORM',
          `no platform ${recipient.platform} in the directory`,
        )
      const me = await identity()
      const record = await registry.get(documentId)
      const pintAction = toPintAction(action, pledge)
      if (!pintAction || action === 'ISSUE')
        throw new EblError(
          'EBL_INVALID_STATE',
          `${action} does not send a bill to another platform`,
        )
      // An endorsement to a party on another platform also hands it the bill: ENDORSE(_TO_ORDER) then
      // TRANSFER in the one chain entry, as the title rules ask of a possession transfer to an
      // endorsee; a pledge flag goes with the TRANSFER (a pledgee endorsing onward releases).
      const flag = pledge ? { pledge } : {}
      const steps: { action: ActionCode; pledge?: PledgeFlag }[] =
        action === 'ENDORSE' || action === 'ENDORSE_TO_ORDER'
          ? [{ action }, { action: 'TRANSFER', ...flag }]
          : [{ action, ...flag }]
      const code: PintIdentifyingCode = {
        codeListProvider: recipient.codeListProvider,
        partyCode: recipient.partyCode,
        ...(recipient.codeListName ? { codeListName: recipient.codeListName } : {}),
      }
      const recipientParty: PintParty = {
        partyName: (recipient.partyName ?? recipient.partyCode).slice(0, 70).trim(),
        eblPlatform: recipient.platform,
        identifyingCodes: [code],
      }
      const foreign = foreignPartyId(recipientParty)
      steps.reduce(
        (state, step) => applyTitleAction(state, { ...step, actor, recipient: foreign }),
        record.state,
      )
      // A bill that came from another platform extends the chain it came with: only the actions
      // taken here since then are new transactions.
      // The transport document is hashed once: its checksum names it in the envelope and, when
      // personal fields are committed, is the bill's PINT checksum too (pintChecksumOf).
      const documentChecksum = computeDocumentChecksum(record.document, primitives.sha256)
      const pintChecksum = record.personal?.length ? documentChecksum : record.documentChecksum
      const history = await registry.history(documentId)
      const { previousChain, entries, received } = await chainToExtend(
        store,
        record,
        history,
        pintChecksum,
      )
      const partyOf = partiesOn(me.code)
      const transactions: PintTransaction[] = []
      for (const e of entries) {
        const mapped = toPintAction(e.payload.action, e.payload.pledge)
        if (!mapped) continue
        transactions.push({
          ...mapped,
          actor: await partyOf(e.payload.actor),
          ...(e.payload.recipient ? { recipient: await partyOf(e.payload.recipient) } : {}),
          actionDateTime: e.payload.at,
          ...(e.payload.reasonCode ? { reasonCode: e.payload.reasonCode } : {}),
          auditReference: e.entryChecksum.slice(0, 64),
        })
      }
      const actorParty = await partyOf(actor)
      const at = now()
      for (const step of steps) {
        transactions.push({
          ...toPintAction(step.action, step.pledge)!,
          actor: actorParty,
          recipient: recipientParty,
          actionDateTime: at,
        })
      }
      // Between Landsea nodes the bill's bundle travels as an additional document (a Landsea
      // extension): the parties' own signatures and this node's log evidence for them.
      const attached = [
        ...(evidence
          ? [
              {
                name: EVIDENCE_DOCUMENT,
                mediaType: 'application/json',
                content: Buffer.from(
                  JSON.stringify(await evidence({ record, history, pintChecksum, received })),
                ),
              },
            ]
          : []),
        ...documents,
      ]
      const supporting = attached.map((d) => ({
        meta: {
          name: d.name,
          size: d.content.length,
          mediaType: d.mediaType,
          documentChecksum: sha256(d.content),
        },
        base64: Buffer.from(d.content).toString('base64'),
      }))
      const { envelope, lastEntryChecksum } = await buildEnvelope({
        transportDocument: record.document as unknown as Record<string, unknown>,
        previousChain,
        platform: me.code,
        transactions,
        supportingDocuments: supporting.map((d) => d.meta),
        key: activeKey(me),
        primitives,
        documentChecksum,
      })
      const issues = validatePint('EblEnvelope', envelope)
      if (issues.length > 0)
        throw new PintError(
          'PINT_VALIDATION_FAILED',
          'the bill does not make a PINT 3.0.0 envelope',
          { issues: [...issues] },
        )
      const transfer: OutboxRecord = {
        id: randomUUID(),
        documentId,
        platform: platform.code,
        actor,
        action,
        envelope: JSON.stringify(envelope),
        lastEntryChecksum,
        documents: Object.fromEntries([
          ...supporting.map((d) => [d.meta.documentChecksum, d.base64]),
        ]),
        status: 'SENDING',
        attempts: 0,
        response: null,
        responseCode: null,
        lastError: null,
        createdAt: at,
        updatedAt: at,
      }
      await beforeSend({
        actor,
        platform: platform.code,
        party: code,
        transportDocument: record.document,
      })
      if (!(await store.lockAndEnqueue(transfer, record.lastEntryChecksum))) {
        throw new PintError(
          'PINT_TRANSFER_IN_PROGRESS',
          'the bill moved or is already being transferred to another platform',
        )
      }
      return attempt(transfer, platform)
    },
    deliver,
    async deliverPending() {
      const pending = await store.listTransfers({ status: 'SENDING' })
      for (const t of pending) await deliver(t.id)
      return pending.length
    },
    outbox: (filter = {}) => store.listTransfers(filter),
  }
}
