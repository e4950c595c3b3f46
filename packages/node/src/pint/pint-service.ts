import { createHash, randomUUID } from 'node:crypto'
import {
  applyTitleAction,
  EblError,
  type ActionCode,
  type EblRecord,
  type PledgeFlag,
  type TitleRegistry,
} from '@landsea/core/ebl'
import type { Organisation, OrganisationStore } from '@landsea/core/organisation'
import {
  buildEnvelope,
  checkEnvelope,
  isRefusal,
  jwsChecksum,
  PINT_HTTP_STATUS,
  PintError,
  signPintJws,
  toPintAction,
  verifyPintJws,
  type InboxRecord,
  type OutboxRecord,
  type PintDocumentMetadata,
  type PintEnvelope,
  type PintFinishedResponse,
  type PintIdentifyingCode,
  type PintParty,
  type PintResponseCode,
  type PintStore,
  type PintTransaction,
  type PlatformKeys,
  type PlatformRecord,
  type PlatformStore,
} from '@landsea/core/pint'
import type { Fetch } from '../ledger/witness-client.js'
import {
  activeKey,
  PLATFORM_CODE,
  platformJwks,
  type PlatformIdentity,
} from './platform-identity.js'
import { validatePint } from './pint-schemas.js'

/** An HTTP answer of a PINT endpoint: status and JSON body (a signed response is a JWS string). */
export interface PintReply {
  readonly status: number
  readonly body: unknown
}

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

/** DCSA PINT 3.0.0 between this node and other platforms (docs/pint.md). */
export interface PintService {
  platform(): Promise<{ code: string; name: string; jwks: PlatformKeys }>
  addPlatform(input: Omit<PlatformRecord, 'createdAt'>): Promise<PlatformRecord>
  listPlatforms(): Promise<PlatformRecord[]>
  removePlatform(code: string): Promise<void>
  receiveEnvelope(body: unknown): Promise<PintReply>
  receiveDocument(reference: string, checksum: string, body: unknown): Promise<PintReply>
  finishTransfer(reference: string): Promise<PintReply>
  validateReceiver(code: unknown): Promise<PintReply>
  transferOut(request: TransferOutRequest): Promise<OutboxRecord>
  deliver(id: string): Promise<OutboxRecord>
  deliverPending(): Promise<number>
  outbox(filter?: { status?: OutboxRecord['status']; documentId?: string }): Promise<OutboxRecord[]>
  inbox(): Promise<InboxRecord[]>
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

/** The DCSA identifying codes of one of our organisations: LEI under GLEIF, others by scheme. */
export function identifyingCodesOf(org: Organisation): PintIdentifyingCode[] {
  return org.identifiers.map((i) =>
    i.scheme === 'LEI'
      ? { codeListProvider: 'GLEIF', partyCode: i.value }
      : { codeListProvider: 'ZZZ', codeListName: i.scheme, partyCode: i.value },
  )
}

const sameCode = (a: PintIdentifyingCode, b: PintIdentifyingCode) =>
  a.codeListProvider === b.codeListProvider &&
  a.partyCode === b.partyCode &&
  (a.codeListName ?? null) === (b.codeListName ?? null)

/** Creates the PINT service over its ports. `send` is the one place envelopes leave the node. */
export function createPintService({
  identity,
  platforms,
  store,
  registry,
  organisations,
  findBill,
  fetch = globalThis.fetch as unknown as Fetch,
  clock = () => new Date(),
}: {
  identity: () => Promise<PlatformIdentity>
  platforms: PlatformStore
  store: PintStore
  registry: TitleRegistry
  organisations: OrganisationStore
  /** The bill on this node whose document has this checksum, if any. */
  findBill: (documentChecksum: string) => Promise<EblRecord | undefined>
  fetch?: Fetch
  clock?: () => Date
}): PintService {
  const now = () => clock().toISOString()

  const keysOf = async (code: string): Promise<PlatformKeys | undefined> => {
    const me = await identity()
    if (code === me.code) return platformJwks(me)
    return (await platforms.get(code))?.jwks
  }

  const partyOf = async (orgId: string, platform: string): Promise<PintParty> => {
    const org = await organisations.getById(orgId)
    if (!org) throw new EblError('EBL_UNKNOWN_PARTY', `organisation ${orgId} is not known`)
    return {
      partyName: org.name.slice(0, 70).trim(),
      eblPlatform: platform,
      identifyingCodes: identifyingCodesOf(org),
    }
  }

  const findRecipient = async (party: PintParty): Promise<Organisation | undefined> => {
    const orgs = await organisations.list()
    return orgs.find((o) =>
      identifyingCodesOf(o).some((c) => party.identifyingCodes.some((p) => sameCode(c, p))),
    )
  }

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
      body: await signPintJws(response, activeKey(await identity())),
    }
  }

  const lastEntryOf = (envelope: string) =>
    (JSON.parse(envelope) as PintEnvelope).envelopeTransferChain.at(-1)!

  const accept = async (r: InboxRecord): Promise<PintReply> => {
    await store.acceptInbox(r.reference, now())
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
  const contradicts = async (documentChecksum: string, chain: readonly string[]) => {
    for (const seen of await store.listInbox({ documentChecksum })) {
      if (seen.status === 'ACCEPTED' && !chain.includes(seen.lastEntryChecksum)) return true
    }
    const bill = await findBill(documentChecksum)
    if (bill) {
      const sent = await store.listTransfers({ documentId: bill.id, status: 'TRANSFERRED' })
      if (sent.length === 0) return true // the bill is active here: accepting it would double it
      if (!sent.some((t) => chain.includes(t.lastEntryChecksum))) return true
    }
    return false
  }

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
      const payload = await verifyPintJws(jws, platform.jwks)
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
        const put = await call(
          'PUT',
          `/v3/envelopes/${ref}/additional-documents/${checksum}`,
          JSON.stringify(content),
        )
        if (put.status !== 204) return signedAnswer(put)
      }
      res = await call('PUT', `/v3/envelopes/${ref}/finish-transfer`)
    }
    return signedAnswer(res)
  }

  const deliver = async (id: string): Promise<OutboxRecord> => {
    const transfer = await store.getTransfer(id)
    if (!transfer) throw new PintError('PINT_NOT_FOUND', `no transfer ${id}`)
    if (transfer.status !== 'SENDING') return transfer
    const platform = await platforms.get(transfer.platform)
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

  return {
    async platform() {
      const me = await identity()
      return { code: me.code, name: me.name, jwks: platformJwks(me) }
    },
    async addPlatform(input) {
      const issues = []
      if (!PLATFORM_CODE.test(input.code))
        issues.push({
          path: '/code',
          code: 'FORMAT',
          message: 'a platform code is 1–4 characters without spaces',
        })
      if (!/^https?:\/\//.test(input.url))
        issues.push({ path: '/url', code: 'FORMAT', message: 'the PINT base URL is http(s)' })
      if (
        !Array.isArray(input.jwks?.keys) ||
        input.jwks.keys.length === 0 ||
        input.jwks.keys.some((k) => typeof k.kid !== 'string')
      )
        issues.push({
          path: '/jwks/keys',
          code: 'REQUIRED',
          message: 'at least one public key, each with its kid',
        })
      for (const [i, p] of (input.parties ?? []).entries()) {
        for (const issue of validatePint('IdentifyingCode', p))
          issues.push({ ...issue, path: `/parties/${i}${issue.path}` })
      }
      if (input.code === (await identity()).code)
        issues.push({ path: '/code', code: 'RULE', message: 'this is the code of this node' })
      if (issues.length > 0)
        throw new PintError('PINT_VALIDATION_FAILED', 'the platform is invalid', { issues })
      const existing = await platforms.get(input.code)
      const record: PlatformRecord = {
        ...input,
        parties: input.parties ?? [],
        createdAt: existing?.createdAt ?? now(),
      }
      await platforms.put(record)
      return record
    },
    listPlatforms: () => platforms.list(),
    async removePlatform(code) {
      if (!(await platforms.remove(code)))
        throw new PintError('PINT_UNKNOWN_PLATFORM', `no platform ${code}`)
    },

    async receiveEnvelope(body) {
      const chain = (body as { envelopeTransferChain?: unknown } | null)?.envelopeTransferChain
      const claimedLast =
        Array.isArray(chain) && typeof chain.at(-1) === 'string'
          ? jwsChecksum(chain.at(-1) as string)
          : sha256('')
      const issues = validatePint('EblEnvelope', body)
      if (issues.length > 0)
        return answer('BENV', claimedLast, {
          reason: `not a PINT 3.0.0 EblEnvelope: ${issues[0]!.path} ${issues[0]!.message}`.slice(
            0,
            255,
          ),
        })
      const envelope = body as PintEnvelope
      const me = await identity()
      const checked = await checkEnvelope({ envelope, platform: me.code, keysOf })
      if (isRefusal(checked))
        return answer(checked.responseCode, claimedLast, { reason: checked.reason.slice(0, 255) })
      for (const [i, entry] of checked.entries.entries()) {
        const entryIssues = validatePint('EnvelopeTransferChainEntry', entry)
        if (entryIssues.length > 0)
          return answer('BENV', claimedLast, {
            reason: `chain entry ${i}: ${entryIssues[0]!.path} ${entryIssues[0]!.message}`.slice(
              0,
              255,
            ),
          })
      }
      if (validatePint('EnvelopeManifest', checked.manifest).length > 0)
        return answer('BENV', claimedLast, {
          reason: 'the manifest is not a PINT 3.0.0 EnvelopeManifest',
        })
      const previous = await store.getInboxByLastEntry(checked.lastEntryChecksum)
      if (previous?.status === 'ACCEPTED')
        return answer('DUPE', checked.lastEntryChecksum, {
          duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent: lastEntryOf(
            previous.envelope,
          ),
        })
      if (previous) return started(previous)
      const recipient = await findRecipient(checked.recipient)
      if (!recipient)
        return answer('BENV', checked.lastEntryChecksum, {
          reason: 'the recipient is not a party of this platform',
        })
      if (await contradicts(checked.documentChecksum, checked.entryChecksums))
        return answer('DISE', checked.lastEntryChecksum, {
          reason: 'the chain contradicts what this platform knows of the bill',
        })
      const record: InboxRecord = {
        reference: randomUUID(),
        documentChecksum: checked.documentChecksum,
        lastEntryChecksum: checked.lastEntryChecksum,
        sender: checked.sender,
        recipient: recipient.id,
        envelope: JSON.stringify(envelope),
        manifest: checked.manifest,
        documents: checked.documents,
        received: [],
        status: 'PENDING',
        createdAt: now(),
        updatedAt: now(),
      }
      if (!(await store.insertInbox(record))) return this.receiveEnvelope(body)
      return started(record)
    },

    async receiveDocument(reference, checksum, body) {
      const record = await store.getInbox(reference)
      if (!record) throw new PintError('PINT_NOT_FOUND', `no envelope transfer ${reference}`)
      const meta: PintDocumentMetadata | undefined = record.documents.find(
        (d) => d.documentChecksum === checksum,
      )
      if (!meta)
        return answer('INCD', record.lastEntryChecksum, {
          reason: 'the manifest lists no document with this checksum',
        })
      const bytes =
        typeof body === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(body)
          ? Buffer.from(body, 'base64')
          : undefined
      if (!bytes || sha256(bytes) !== checksum || bytes.length !== meta.size)
        return answer('INCD', record.lastEntryChecksum, {
          reason: "the document's checksum or size differs from the manifest",
        })
      if (record.status === 'PENDING') await store.putDocument(reference, checksum, body as string)
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
      // TRANSFER in the one chain entry, as the title rules ask of a possession transfer to an endorsee.
      const steps: { action: ActionCode; pledge?: PledgeFlag }[] =
        action === 'ENDORSE' || action === 'ENDORSE_TO_ORDER'
          ? [{ action }, { action: 'TRANSFER' }]
          : [{ action, ...(pledge ? { pledge } : {}) }]
      const foreign = `pint:${recipient.platform}/${recipient.codeListProvider}/${recipient.codeListName ?? ''}/${recipient.partyCode}`
      steps.reduce(
        (state, step) => applyTitleAction(state, { ...step, actor, recipient: foreign }),
        record.state,
      )
      const history = await registry.history(documentId)
      const transactions: PintTransaction[] = []
      for (const e of history) {
        const mapped = toPintAction(e.payload.action, e.payload.pledge)
        if (!mapped) continue
        transactions.push({
          ...mapped,
          actor: await partyOf(e.payload.actor, me.code),
          ...(e.payload.recipient
            ? { recipient: await partyOf(e.payload.recipient, me.code) }
            : {}),
          actionDateTime: e.payload.at,
          ...(e.payload.reasonCode ? { reasonCode: e.payload.reasonCode } : {}),
          auditReference: e.entryChecksum.slice(0, 64),
        })
      }
      const code: PintIdentifyingCode = {
        codeListProvider: recipient.codeListProvider,
        partyCode: recipient.partyCode,
        ...(recipient.codeListName ? { codeListName: recipient.codeListName } : {}),
      }
      const actorParty = await partyOf(actor, me.code)
      const recipientParty: PintParty = {
        partyName: (recipient.partyName ?? recipient.partyCode).slice(0, 70).trim(),
        eblPlatform: recipient.platform,
        identifyingCodes: [code],
      }
      const at = now()
      for (const step of steps) {
        transactions.push({
          ...toPintAction(step.action, step.pledge)!,
          actor: actorParty,
          recipient: recipientParty,
          actionDateTime: at,
        })
      }
      // Our organisation-signed entries travel as an additional document (a Landsea extension).
      const evidence = Buffer.from(
        JSON.stringify({
          type: 'landsea-action-entries',
          documentId,
          entries: history.map((e) => e.jws),
        }),
      )
      const evidenceMeta: PintDocumentMetadata = {
        name: 'landsea-action-entries.json',
        size: evidence.length,
        mediaType: 'application/json',
        documentChecksum: sha256(evidence),
      }
      const supporting = documents.map((d) => ({
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
        platform: me.code,
        transactions,
        supportingDocuments: [evidenceMeta, ...supporting.map((d) => d.meta)],
        key: activeKey(me),
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
          [evidenceMeta.documentChecksum, evidence.toString('base64')],
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
      if (!(await store.lockAndEnqueue(transfer, record.lastEntryChecksum))) {
        throw new PintError(
          'PINT_TRANSFER_IN_PROGRESS',
          'the bill moved or is already being transferred to another platform',
        )
      }
      return deliver(transfer.id)
    },
    deliver,
    async deliverPending() {
      const pending = await store.listTransfers({ status: 'SENDING' })
      for (const t of pending) await deliver(t.id)
      return pending.length
    },
    outbox: (filter = {}) => store.listTransfers(filter),
    inbox: () => store.listInbox({}),
  }
}
