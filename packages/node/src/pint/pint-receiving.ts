import { randomUUID } from 'node:crypto'
import type { EblRecord } from '@landsea/core/ebl'
import { documentChecksumOf } from '@landsea/core/privacy'
import {
  checkEnvelope,
  isRefusal,
  jwsChecksum,
  PINT_HTTP_STATUS,
  PintError,
  signPintJws,
  type InboxRecord,
  type PintDocumentMetadata,
  type PintEnvelope,
  type PintFinishedResponse,
  type PintIdentifyingCode,
  type PintResponseCode,
} from '@landsea/core/pint'
import { activeKey } from './platform-identity.js'
import { billFromEnvelope, chainEntriesOf, localPartyIds, stateAfterChain } from './pint-import.js'
import { decodeBase64, onceEach, pintParties, sha256 } from './pint-parties.js'
import type { PintPorts } from './pint-ports.js'
import { createReceiptReplays } from './receipt-replays.js'
import { validatePint } from './pint-schemas.js'

/** An HTTP answer of a PINT endpoint: status and JSON body (a signed response is a JWS string). */
export interface PintReply {
  readonly status: number
  readonly body: unknown
}

/** The receiving side of PINT: the endpoints another platform calls to send this node a bill. */
export interface PintReceiving {
  receiveEnvelope(body: unknown): Promise<PintReply>
  receiveDocument(reference: string, checksum: string, body: unknown): Promise<PintReply>
  finishTransfer(reference: string): Promise<PintReply>
  validateReceiver(code: unknown): Promise<PintReply>
}

export function createPintReceiving({
  identity,
  store,
  organisations,
  findBill,
  referenceTaken,
  keysOf,
  personalData,
  primitives = {},
  now,
}: Pick<
  PintPorts,
  | 'identity'
  | 'store'
  | 'organisations'
  | 'findBill'
  | 'referenceTaken'
  | 'keysOf'
  | 'personalData'
  | 'primitives'
  | 'now'
>): PintReceiving {
  const { findRecipient } = pintParties(organisations)
  const replays = createReceiptReplays()

  /** A signed `EnvelopeTransferFinishedResponse`, checked against PINT's schema before it leaves. */
  const answer = async (
    code: PintResponseCode,
    lastEntryChecksum: string,
    extra: Partial<PintFinishedResponse> = {},
  ): Promise<PintReply> => {
    const response: PintFinishedResponse = {
      lastEnvelopeTransferChainEntrySignedContentChecksum: lastEntryChecksum,
      responseCode: code,
      ...extra,
    }
    const issues = validatePint('EnvelopeTransferFinishedResponse', response)
    if (issues.length > 0)
      throw new Error(`our own PINT response is invalid: ${issues[0]!.message}`)
    return {
      status: PINT_HTTP_STATUS[code],
      body: await signPintJws(response, activeKey(await identity()), primitives.sign),
    }
  }

  const lastEntryOf = (envelope: string) =>
    (JSON.parse(envelope) as PintEnvelope).envelopeTransferChain.at(-1)!

  /**
   * The bill this node holds once it accepts `r`: the recipient's, or this node's own back. A new
   * bill's personal fields are committed with the salts drawn on receipt and sealed as a bill drafted
   * here (docs/privacy.md); its id is the envelope's reference, so a retry seals the same rows.
   */
  const billOf = async (r: InboxRecord) => {
    const envelope = JSON.parse(r.envelope) as PintEnvelope
    const kept = replays.take(r.reference, r.lastEntryChecksum)
    const entries = kept?.entries ?? chainEntriesOf(envelope)
    const partyId = await localPartyIds(organisations, (await identity()).code, entries)
    // Receipt's replay stands while the chain's parties resolve to the same organisations (one may
    // have been added since); otherwise the chain is replayed under those known now.
    const replayed =
      kept?.resolved === partyId.resolved
        ? { state: kept.state }
        : stateAfterChain(envelope, partyId, entries)
    if ('reason' in replayed)
      throw new Error(`an accepted chain no longer replays: ${replayed.reason}`)
    const existing = await findBill(r.documentChecksum)
    const opened =
      personalData && !existing ? await personalData.openEnvelope(r.reference, envelope) : undefined
    const personal = opened?.personal ?? []
    const bill = billFromEnvelope({
      envelope: opened
        ? { ...envelope, transportDocument: opened.document as PintEnvelope['transportDocument'] }
        : envelope,
      lastEntryChecksum: r.lastEntryChecksum,
      documentChecksum:
        opened && personal.length > 0
          ? documentChecksumOf(opened.document, personal, primitives.sha256)
          : r.documentChecksum,
      personal,
      state: replayed.state,
      existing,
      at: now(),
      id: r.reference,
    })
    if (!personalData || !opened || bill.reactivate) return bill
    return {
      ...bill,
      record: await personalData.sealBill(opened, bill.record, r.documentChecksum),
    }
  }

  const accept = async (r: InboxRecord): Promise<PintReply> => {
    if (r.status === 'PENDING') await store.acceptInbox(r.reference, now(), await billOf(r))
    return answer('RECE', r.lastEntryChecksum, {
      ...(r.documents.length > 0
        ? { receivedAdditionalDocumentChecksums: r.documents.map((d) => d.documentChecksum) }
        : {}),
    })
  }

  /**
   * The answer to a started transfer: the documents still missing (201, unsigned, as PINT has it), or
   * RECE at once when none is (PINT's `missingAdditionalDocumentChecksums` has at least one item).
   */
  const started = async (r: InboxRecord): Promise<PintReply> => {
    const missing = r.documents
      .map((d) => d.documentChecksum)
      .filter((c) => !r.received.includes(c))
    if (missing.length === 0) return accept(r)
    return {
      status: 201,
      body: {
        envelopeReference: r.reference,
        transportDocumentChecksum: r.documentChecksum,
        lastEnvelopeTransferChainEntrySignedContentChecksum: r.lastEntryChecksum,
        missingAdditionalDocumentChecksums: missing,
      },
    }
  }

  /** DISE: the chain leaves out a chain head this node has accepted, sent or still holds. */
  const contradicts = async (
    documentChecksum: string,
    chain: readonly string[],
    bill: EblRecord | undefined,
  ) => {
    for (const seen of await store.listInbox({ documentChecksum })) {
      if (seen.status === 'ACCEPTED' && !chain.includes(seen.lastEntryChecksum)) return true
    }
    if (bill) {
      const sent = await store.listTransfers({ documentId: bill.id, status: 'TRANSFERRED' })
      if (sent.length === 0) return true // the bill is active here: accepting it would double it
      // A bill coming back must extend the chain it last left with (PINT: a returning chain
      // extends the one that left).
      if (!chain.includes(sent.at(-1)!.lastEntryChecksum)) return true
    }
    return false
  }

  const receiveEnvelope = async (body: unknown): Promise<PintReply> => {
    // Only a refused envelope is answered with the checksum its last entry claims.
    const claimedLast = () => {
      const chain = (body as { envelopeTransferChain?: unknown } | null)?.envelopeTransferChain
      return Array.isArray(chain) && typeof chain.at(-1) === 'string'
        ? jwsChecksum(chain.at(-1) as string, primitives.sha256)
        : sha256('')
    }
    const issues = validatePint('EblEnvelope', body)
    if (issues.length > 0)
      return answer('BENV', claimedLast(), {
        reason: `not a PINT 3.0.0 EblEnvelope: ${issues[0]!.path} ${issues[0]!.message}`.slice(
          0,
          255,
        ),
      })
    const envelope = body as PintEnvelope
    const me = await identity()
    const checked = await checkEnvelope({
      envelope,
      platform: me.code,
      keysOf: onceEach(keysOf),
      primitives,
    })
    if (isRefusal(checked))
      return answer(checked.responseCode, claimedLast(), { reason: checked.reason.slice(0, 255) })
    for (const [i, entry] of checked.entries.entries()) {
      const entryIssues = validatePint('EnvelopeTransferChainEntry', entry)
      if (entryIssues.length > 0)
        return answer('BENV', claimedLast(), {
          reason: `chain entry ${i}: ${entryIssues[0]!.path} ${entryIssues[0]!.message}`.slice(
            0,
            255,
          ),
        })
    }
    if (validatePint('EnvelopeManifest', checked.manifest).length > 0)
      return answer('BENV', claimedLast(), {
        reason: 'the manifest is not a PINT 3.0.0 EnvelopeManifest',
      })
    const previous = await store.getInboxByLastEntry(checked.lastEntryChecksum)
    if (previous?.status === 'ACCEPTED')
      return answer('DUPE', checked.lastEntryChecksum, {
        duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent: lastEntryOf(previous.envelope),
      })
    if (previous) return started(previous)
    const recipient = await findRecipient(checked.recipient)
    if (!recipient)
      return answer('BENV', checked.lastEntryChecksum, {
        reason: 'the recipient is not a party of this platform',
      })
    const bill = await findBill(checked.documentChecksum)
    if (await contradicts(checked.documentChecksum, checked.entryChecksums, bill))
      return answer('DISE', checked.lastEntryChecksum, {
        reason: 'the chain contradicts what this platform knows of the bill',
      })
    // The title rules once more, the parties named as this node names them: the bill must end
    // with the recipient in possession, an organisation this node serves.
    const partyId = await localPartyIds(organisations, me.code, checked.entries)
    const replayed = stateAfterChain(envelope, partyId, checked.entries)
    if ('reason' in replayed || replayed.state.possessor !== recipient.id)
      return answer('BENV', checked.lastEntryChecksum, {
        reason: 'the chain does not leave the bill with its recipient on this platform',
      })
    const documentReference = String(envelope.transportDocument.transportDocumentReference)
    if (!bill && (await referenceTaken(documentReference)))
      return answer('BENV', checked.lastEntryChecksum, {
        reason: `this platform holds another bill with reference ${documentReference}`.slice(
          0,
          255,
        ),
      })
    const reference = randomUUID()
    // Sealed before it is stored: the envelope never rests with personal values in clear.
    const stored = personalData ? await personalData.sealEnvelope(reference, envelope) : envelope
    const record: InboxRecord = {
      reference,
      documentChecksum: checked.documentChecksum,
      lastEntryChecksum: checked.lastEntryChecksum,
      sender: checked.sender,
      recipient: recipient.id,
      envelope: JSON.stringify(stored),
      manifest: checked.manifest,
      documents: checked.documents,
      received: [],
      status: 'PENDING',
      createdAt: now(),
      updatedAt: now(),
    }
    if (!(await store.insertInbox(record))) return receiveEnvelope(body)
    replays.remember(reference, {
      lastEntryChecksum: checked.lastEntryChecksum,
      entries: checked.entries,
      resolved: partyId.resolved,
      state: replayed.state,
    })
    return started(record)
  }

  return {
    receiveEnvelope,
    async receiveDocument(reference, checksum, body) {
      const record = await store.getInboxSummary(reference)
      if (!record) throw new PintError('PINT_NOT_FOUND', `no envelope transfer ${reference}`)
      const meta: PintDocumentMetadata | undefined = record.documents.find(
        (d) => d.documentChecksum === checksum,
      )
      if (!meta)
        return answer('INCD', record.lastEntryChecksum, {
          reason: 'the manifest lists no document with this checksum',
        })
      const bytes = typeof body === 'string' ? decodeBase64(body) : undefined
      if (!bytes || sha256(bytes) !== checksum || bytes.length !== meta.size)
        return answer('INCD', record.lastEntryChecksum, {
          reason: "the document's checksum or size differs from the manifest",
        })
      if (record.status === 'PENDING')
        await store.putDocument(
          reference,
          checksum,
          personalData
            ? await personalData.sealDocument(reference, meta, { base64: body as string, bytes })
            : (body as string),
        )
      return { status: 204, body: undefined }
    },

    async finishTransfer(reference) {
      const record = await store.getInbox(reference)
      if (!record) throw new PintError('PINT_NOT_FOUND', `no envelope transfer ${reference}`)
      const missing = record.documents
        .map((d) => d.documentChecksum)
        .filter((c) => !record.received.includes(c))
      if (record.status === 'PENDING' && missing.length > 0)
        return answer('MDOC', record.lastEntryChecksum, {
          missingAdditionalDocumentChecksums: missing,
        })
      return accept(record)
    },

    async validateReceiver(code) {
      if (validatePint('IdentifyingCode', code).length > 0) return { status: 404, body: {} }
      const org = await findRecipient({
        partyName: '-',
        eblPlatform: '-',
        identifyingCodes: [code as PintIdentifyingCode],
      })
      if (!org) return { status: 404, body: {} }
      return { status: 200, body: { partyName: org.name.slice(0, 70).trim() } }
    },
  }
}
