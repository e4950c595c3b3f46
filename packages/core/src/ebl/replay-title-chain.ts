import {
  computeDocumentChecksum,
  computeEntryChecksum,
  parseActionEntry,
  verifyActionEntrySignature,
  type ActionEntryPayload,
  type ResolveSigningKey,
  type VerifyJws,
} from './action-entry.js'
import { EblError, type EblErrorCode } from './ebl-error.js'
import { applyTitleAction, draftTitleState, type TitleState } from './title-state.js'
import { findPartyOrganisationId, type TransportDocument } from './transport-document.js'

/** A problem found while replaying a chain, at the entry index where it was found (-1: the document). */
export interface ChainProblem {
  readonly index: number
  readonly step: 'document' | 'parse' | 'signature' | 'linkage' | 'rules'
  readonly code: EblErrorCode
  readonly message: string
}

/** The outcome of {@link replayTitleChain}. */
export interface ChainReplay {
  readonly isValid: boolean
  readonly documentChecksum: string
  /** The state after the last valid entry. */
  readonly state: TitleState | undefined
  readonly payloads: readonly ActionEntryPayload[]
  readonly problems: readonly ChainProblem[]
}

/** The initial title state a transport document implies: its issuing carrier, shipper and consignee. */
export function titleStateForDocument(document: TransportDocument): TitleState {
  const issuer = findPartyOrganisationId(document.documentParties?.issuingParty)
  if (!issuer) {
    throw new EblError(
      'EBL_UNKNOWN_PARTY',
      'the issuing party does not name a Landsea organisation',
    )
  }
  return draftTitleState({
    issuer,
    isToOrder: document.isToOrder === true,
    shipper: findPartyOrganisationId(document.documentParties?.shipper) ?? null,
    namedConsignee: findPartyOrganisationId(document.documentParties?.consignee) ?? null,
  })
}

/**
 * Replays a signed action chain over its transport document: checks every entry's signature, its link to the
 * document and to the previous entry, and the title rules, and returns the resulting state. Stops at the first
 * broken entry. Input is hostile; every failure is reported as a problem, never thrown.
 */
export async function replayTitleChain({
  document,
  entries,
  resolveKey,
  verifyJws,
}: {
  document: TransportDocument
  entries: readonly unknown[]
  resolveKey: ResolveSigningKey
  verifyJws?: VerifyJws
}): Promise<ChainReplay> {
  const problems: ChainProblem[] = []
  const payloads: ActionEntryPayload[] = []
  let documentChecksum = ''
  let state: TitleState | undefined
  try {
    documentChecksum = computeDocumentChecksum(document)
    state = titleStateForDocument(document)
  } catch (e) {
    problems.push({ index: -1, step: 'document', ...describe(e) })
    return { isValid: false, documentChecksum, state: undefined, payloads, problems }
  }
  let previous: string | null = null
  for (let index = 0; index < entries.length; index++) {
    let step: ChainProblem['step'] = 'parse'
    try {
      const entry = parseActionEntry(entries[index])
      const p = entry.payload
      step = 'linkage'
      if (p.documentChecksum !== documentChecksum) {
        throw new EblError('EBL_CHECKSUM_MISMATCH', 'the entry is for another document')
      }
      if (p.previousEntryChecksum !== previous) {
        throw new EblError('EBL_CHAIN_BROKEN', 'the entry does not link to the previous one')
      }
      step = 'signature'
      await verifyActionEntrySignature(entry, resolveKey, verifyJws)
      step = 'rules'
      state = applyTitleAction(state, {
        action: p.action,
        actor: p.actor,
        recipient: p.recipient,
        ...(p.pledge ? { pledge: p.pledge } : {}),
        ...(p.reasonCode ? { reasonCode: p.reasonCode } : {}),
      })
      payloads.push(p)
      previous = computeEntryChecksum(entry.jws)
    } catch (e) {
      problems.push({ index, step, ...describe(e) })
      break
    }
  }
  if (entries.length === 0) {
    problems.push({
      index: 0,
      step: 'rules',
      code: 'EBL_INVALID_STATE',
      message: 'the chain is empty',
    })
  }
  return { isValid: problems.length === 0, documentChecksum, state, payloads, problems }
}

function describe(e: unknown): { code: EblErrorCode; message: string } {
  if (e instanceof EblError) {
    const detail = e.issues?.map((i) => `${i.path}: ${i.message}`).join('; ')
    return { code: e.code, message: detail ? `${e.message} (${detail})` : e.message }
  }
  return { code: 'EBL_VALIDATION_FAILED', message: e instanceof Error ? e.message : String(e) }
}
