import { v7 as uuidv7 } from 'uuid'
import {
  createNonce,
  parseActionEntry,
  signActionEntry,
  verifyActionEntrySignature,
  type ActionEntryPayload,
  type GreenLink,
  type VerifyJws,
} from './action-entry.js'
import { documentChecksumOf, type PersonalDisclosure } from '../privacy/commitments.js'
import { EblError, type ValidationIssue } from './ebl-error.js'
import { freezeDocumentForIssue } from './issue-document.js'
import type {
  AcceptedEntry,
  Clock,
  EblFilter,
  EblRecord,
  EblStore,
  OrganisationDirectory,
} from './ports.js'
import { titleStateForDocument } from './document-title-state.js'
import {
  applyTitleAction,
  listAllowedActions,
  type ActionCode,
  type AllowedAction,
  type AmendmentReasonCode,
  type PledgeFlag,
} from './title-state.js'
import { planTitleWrite } from './title-write.js'
import { findPartyOrganisationId, type TransportDocument } from './transport-document.js'
import { validateTransportDocument } from './validate-transport-document.js'
import { withIssuingOrganisation } from './issuing-organisation.js'

/** How far the time in a pre-signed action may be from the node's clock. */
const MAX_CLOCK_SKEW_MS = 10 * 60 * 1000

/** How many bills' chain heads a registry keeps in memory by default. */
const HEAD_CACHE_SIZE = 1000

/** A title action requested of the node, to be signed with the actor's custodial key. */
export interface ActionRequest {
  readonly documentId: string
  readonly actor: string
  readonly action: ActionCode
  readonly recipient?: string | null
  readonly pledge?: PledgeFlag
  readonly reasonCode?: AmendmentReasonCode
  readonly comments?: string
  /** With `pledge: PLEDGE`: the pledge cites the shipment's emissions claim (docs/emissions.md). */
  readonly greenLink?: GreenLink
  /** Optimistic concurrency: the chain head the client saw. A moved head gives `EBL_CONFLICT`. */
  readonly expectedPreviousEntryChecksum?: string | null
}

/** The title registry's use cases: draft, issue, act, amend, read. */
export interface TitleRegistry {
  createDraft(input: { document: unknown; carrier: string; amendsId?: string }): Promise<EblRecord>
  act(request: ActionRequest): Promise<{ record: EblRecord; entry: AcceptedEntry }>
  actSigned(input: { documentId: string; jws: unknown; authenticatedAs: string }): Promise<{
    record: EblRecord
    entry: AcceptedEntry
  }>
  get(id: string): Promise<EblRecord>
  list(filter: EblFilter): Promise<EblRecord[]>
  history(id: string): Promise<AcceptedEntry[]>
  /**
   * How many actions the bill with this document checksum has and its last entry's checksum
   * (bundle freshness), or undefined when the node has no such bill.
   */
  chainHead(
    documentChecksum: string,
  ): Promise<{ readonly actions: number; readonly lastEntryChecksum: string | null } | undefined>
  allowedActions(id: string, organisationId: string): Promise<AllowedAction[]>
}

/** Validates a document against a standard's schema; an empty list means it conforms. */
export type ValidateStandard = (document: unknown) => readonly ValidationIssue[]

/** Creates the title registry over its ports. */
export function createTitleRegistry({
  store,
  directory,
  clock = () => new Date(),
  verifyJws,
  headCacheSize = HEAD_CACHE_SIZE,
  validateStandard = () => [],
  commitPersonalData,
}: {
  store: EblStore
  directory: OrganisationDirectory
  clock?: Clock
  /** The JWS verifier for pre-signed actions; default `verifyCompactJws` (WebCrypto via jose). */
  verifyJws?: VerifyJws
  /** Bills whose last known head is kept in memory for pre-signed actions; 0 turns the cache off. */
  headCacheSize?: number
  /**
   * The first validation layer: the draft against the standard's own schema (DCSA eBL 3.0.3
   * TransportDocument, wired by the composition root); the corridor rules of validateTransportDocument follow.
   */
  validateStandard?: ValidateStandard
  /**
   * Salts the draft's personal values (docs/privacy.md): the checksum then covers their
   * commitments, so erasing a value leaves the signed chain verifiable. Absent: plain checksums.
   */
  commitPersonalData?: (document: TransportDocument) => readonly PersonalDisclosure[]
}): TitleRegistry {
  const get = async (id: string) => {
    const record = await store.getById(id)
    if (!record) throw new EblError('EBL_NOT_FOUND', `no bill ${id}`)
    remember(record)
    return record
  }

  // The last head this process saw of recently moved bills, so that a pre-signed action on the head
  // it names needs no read. The database stays the authority: an action whose previous entry is not
  // the cached head reads the bill again, and a cached head that another process has moved on fails
  // the store's guarded write (EBL_CONFLICT, exactly as if the bill had been read), and is forgotten.
  const heads = new Map<string, EblRecord>()
  function remember(record: EblRecord): void {
    if (headCacheSize <= 0) return
    const known = heads.get(record.id)
    if (known && known.state.sequence > record.state.sequence) return
    heads.delete(record.id)
    heads.set(record.id, record)
    if (heads.size > headCacheSize) heads.delete(heads.keys().next().value!)
  }
  const getHead = (id: string, previousEntryChecksum: string | null) => {
    const known = heads.get(id)
    return known?.lastEntryChecksum === previousEntryChecksum && known.amendedById === null
      ? known
      : get(id)
  }

  const requireParties = async (document: TransportDocument) => {
    const issues = []
    const parties = document.documentParties
    for (const role of ['issuingParty', 'shipper', 'consignee', 'endorsee'] as const) {
      const id = findPartyOrganisationId(parties[role])
      if (id !== undefined && !(await directory.hasOrganisation(id))) {
        issues.push({
          path: `/documentParties/${role}/identifyingCodes`,
          code: 'UNKNOWN_PARTY',
          message: `organisation ${id} is not known to this node`,
        })
      }
    }
    if (issues.length > 0)
      throw new EblError('EBL_UNKNOWN_PARTY', 'the bill names unknown organisations', { issues })
  }

  const commit = async (
    record: EblRecord,
    jws: string,
    payload: ActionEntryPayload,
    signerKid: string,
  ) => {
    const write = planTitleWrite({
      record,
      jws,
      payload,
      signerKid,
      acceptedAt: clock().toISOString(),
    })
    if (payload.recipient !== null && !(await directory.hasOrganisation(payload.recipient))) {
      throw new EblError(
        'EBL_UNKNOWN_PARTY',
        `organisation ${payload.recipient} is not known to this node`,
      )
    }
    try {
      await store.appendEntry(write)
    } catch (error) {
      heads.delete(record.id)
      throw error
    }
    if (write.amendsId) heads.delete(write.amendsId)
    remember(write.record)
    return { record: write.record, entry: write.entry }
  }

  return {
    async chainHead(documentChecksum) {
      const record = await store.getByChecksum(documentChecksum)
      return record
        ? { actions: record.state.sequence, lastEntryChecksum: record.lastEntryChecksum }
        : undefined
    },
    async createDraft({ document, carrier, amendsId }) {
      const base =
        typeof document === 'object' && document !== null
          ? (document as TransportDocument)
          : undefined
      const draft = base ? withIssuingOrganisation(base, carrier) : document
      // The standard's schema first; a corridor rule on a path the schema already refused adds nothing.
      const schemaIssues = validateStandard(draft)
      const refused = new Set(schemaIssues.map((i) => i.path))
      const issues = [
        ...schemaIssues,
        ...validateTransportDocument(draft).filter((i) => !refused.has(i.path)),
      ]
      if (base && base.transportDocumentStatus !== 'DRAFT') {
        issues.push({
          path: '/transportDocumentStatus',
          code: 'RULE',
          message: 'a new bill is a DRAFT',
        })
      }
      if (issues.length > 0)
        throw new EblError('EBL_VALIDATION_FAILED', 'the transport document is invalid', { issues })
      const td = draft as TransportDocument
      if (findPartyOrganisationId(td.documentParties.issuingParty) !== carrier) {
        throw new EblError('EBL_NOT_ISSUER', 'a carrier drafts bills only in its own name')
      }
      await requireParties(td)
      let version = 1
      if (amendsId !== undefined) {
        const old = await get(amendsId)
        if (old.state.status !== 'SURRENDERED_FOR_AMENDMENT' || old.state.isSwitchedToPaper) {
          throw new EblError(
            'EBL_INVALID_STATE',
            'only a bill surrendered for amendment is replaced',
          )
        }
        if (old.amendedById !== null)
          throw new EblError('EBL_INVALID_STATE', 'the bill is already amended')
        if (old.state.issuer !== carrier)
          throw new EblError('EBL_NOT_ISSUER', 'only the issuer amends a bill')
        if (old.reference !== td.transportDocumentReference) {
          throw new EblError(
            'EBL_VALIDATION_FAILED',
            'an amendment keeps the transport document reference',
          )
        }
        version = old.version + 1
      }
      const now = clock().toISOString()
      const personal = commitPersonalData?.(td) ?? []
      const record: EblRecord = {
        id: uuidv7(),
        reference: td.transportDocumentReference,
        version,
        document: td,
        documentChecksum: documentChecksumOf(td, personal),
        ...(personal.length > 0 ? { personal } : {}),
        state: titleStateForDocument(td),
        lastEntryChecksum: null,
        amendsId: amendsId ?? null,
        amendedById: null,
        createdAt: now,
        updatedAt: now,
      }
      await store.insertDraft(record)
      return record
    },

    async act(request) {
      if (request.greenLink && request.pledge !== 'PLEDGE') {
        throw new EblError('EBL_VALIDATION_FAILED', 'a green link goes only with a pledge', {
          issues: [
            {
              path: '/greenLink',
              code: 'NOT_ALLOWED',
              message: 'greenLink goes only with a pledge',
            },
          ],
        })
      }
      const record = await get(request.documentId)
      if (
        request.expectedPreviousEntryChecksum !== undefined &&
        request.expectedPreviousEntryChecksum !== record.lastEntryChecksum
      ) {
        throw new EblError('EBL_CONFLICT', 'the bill has moved since the client last saw it')
      }
      const key = await directory.getCustodialKey(request.actor)
      if (!key)
        throw new EblError(
          'EBL_UNKNOWN_KEY',
          'the node holds no key for this organisation; submit a signed action',
        )
      const at = clock().toISOString()
      const isIssue = request.action === 'ISSUE'
      const payload: ActionEntryPayload = {
        documentChecksum: isIssue
          ? documentChecksumOf(freezeDocumentForIssue(record.document, at), record.personal)
          : record.documentChecksum,
        previousEntryChecksum: record.lastEntryChecksum,
        action: request.action,
        actor: request.actor,
        recipient: request.recipient ?? defaultRecipient(request.action, record),
        at,
        nonce: createNonce(),
        ...(request.pledge ? { pledge: request.pledge } : {}),
        ...(request.reasonCode ? { reasonCode: request.reasonCode } : {}),
        ...(request.comments ? { comments: request.comments } : {}),
        ...(request.greenLink ? { greenLink: request.greenLink } : {}),
      }
      // Check the rules before signing so that a refused action leaves no signature behind.
      applyTitleAction(record.state, {
        action: payload.action,
        actor: payload.actor,
        recipient: payload.recipient,
        ...(payload.pledge ? { pledge: payload.pledge } : {}),
        ...(payload.reasonCode ? { reasonCode: payload.reasonCode } : {}),
      })
      const signed = await signActionEntry({ payload, organisationId: request.actor, key })
      return commit(record, signed, payload, key.kid)
    },

    async actSigned({ documentId, jws, authenticatedAs }) {
      const entry = parseActionEntry(jws)
      if (entry.payload.actor !== authenticatedAs) {
        throw new EblError('EBL_NOT_POSSESSOR', 'an organisation may only act as itself')
      }
      const skew = Math.abs(Date.parse(entry.payload.at) - clock().getTime())
      if (skew > MAX_CLOCK_SKEW_MS) {
        throw new EblError(
          'EBL_VALIDATION_FAILED',
          'the action time is too far from the node clock',
          {
            issues: [
              {
                path: '/jws/payload/at',
                code: 'CLOCK_SKEW',
                message: 'at must be within 10 minutes of now',
              },
            ],
          },
        )
      }
      const record = await getHead(documentId, entry.payload.previousEntryChecksum)
      const key = await verifyActionEntrySignature(
        entry,
        (org, kid) => directory.getPublicKey(org, kid),
        verifyJws,
      )
      try {
        return await commit(record, entry.jws, entry.payload, key.kid)
      } catch (error) {
        // A replay of an accepted action meets a moved head first; name it for what it is
        // (docs/ebl.md: EBL_REPLAY), looking at the chain only on this rare path.
        if (error instanceof EblError && error.code === 'EBL_CONFLICT') {
          const accepted = await store.listEntries(documentId)
          if (accepted.some((e) => e.jws === entry.jws)) {
            throw new EblError('EBL_REPLAY', 'this action was already accepted', { cause: error })
          }
        }
        throw error
      }
    },

    get,
    list: (filter) => store.list(filter),
    async history(id) {
      // Entries name the bill they extend, so a bill with entries exists: only an empty history
      // asks whether the bill does (a draft, or none: EBL_NOT_FOUND).
      const entries = await store.listEntries(id)
      if (entries.length === 0) await get(id)
      return entries
    },
    async allowedActions(id, organisationId) {
      const record = await get(id)
      if (record.amendedById !== null) return []
      return listAllowedActions(record.state, organisationId, await directory.listOrganisationIds())
    },
  }
}

function defaultRecipient(action: ActionCode, record: EblRecord): string | null {
  if (action === 'SURRENDER_FOR_DELIVERY' || action === 'SURRENDER_FOR_AMENDMENT')
    return record.state.issuer
  return null
}
