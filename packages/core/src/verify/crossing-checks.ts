import type { JWK } from 'jose'
import { readJwsHeader, verifyCompactJws } from '../crypto/compact-jws.js'
import { sha256Hex, type Sha256 } from '../crypto/sha256.js'
import { computeDocumentChecksum } from '../ebl/action-entry.js'
import type { TitleState } from '../ebl/title-state.js'
import { foreignPartyId, partyKey, replayTransactions } from '../pint/chain-replay.js'
import { peekPintJws, type PintChainEntry, type PintParty } from '../pint/envelope.js'
import {
  isCommitmentOnly,
  withoutPersonalValues,
  type CommittedField,
} from '../privacy/commitments.js'
import { sameCanonicalJson } from '../crypto/canonical-json.js'
import type { BundleCrossing, EblBundle } from './bundle.js'
import { fail, messageOf, pass, type StepResult } from './verification-steps.js'

// The `crossing` step of a multi-log bundle (docs/pint.md): the PINT chain the bill arrived with,
// signed by the platforms it passed through, and the sending Landsea node's own bundle, verified
// against its own log.

/** What the crossing step found: its result, and what the actions of this log continue from. */
export interface CrossingCheck {
  readonly result: StepResult
  /** The title state the chain leaves the bill in, parties named as the receiving node names them. */
  readonly state?: TitleState
  /** The checksum of the chain's last entry: the first action of this log links to it. */
  readonly lastEntryChecksum: string
  /** The platforms of the chain, and the logs whose evidence the bundle carries (oldest first). */
  readonly summary?: CrossingSummary
}

/** A multi-log bundle's journey, as verified. */
export interface CrossingSummary {
  /** Each chain entry's platform, in order. */
  readonly platforms: readonly string[]
  /** The origins of the other nodes' logs whose evidence was verified, the earliest first. */
  readonly logs: readonly string[]
  /** Chain transactions for which the bundle holds only a platform's signature (a PINT-only sender). */
  readonly platformSignedOnly: number
}

/** The verification of a nested bundle, as much of it as the crossing step reads. */
export interface NestedVerification {
  readonly ok: boolean
  readonly firstFailure?: { readonly name: string; readonly reason: string }
  readonly asOf?: { readonly origin: string }
  readonly crossing?: CrossingSummary
}

const sameKey = (a: JWK, b: JWK) =>
  a.kty === b.kty && a.crv === b.crv && a.x === b.x && (a.y ?? null) === (b.y ?? null)

/** Verifies one chain entry with the key its header names in its platform's JWKS. */
async function verifyEntry(
  jws: string,
  crossing: BundleCrossing,
  trustedPlatformKeys: readonly JWK[] | undefined,
  verifyPint: ((jws: string, key: JWK) => Promise<Uint8Array>) | undefined,
  peekPint: (jws: string) => unknown,
): Promise<PintChainEntry | string> {
  const claimed = peekPint(jws) as { eblPlatform?: unknown } | undefined
  if (typeof claimed?.eblPlatform !== 'string') return 'is not a JSON chain entry'
  const platform = claimed.eblPlatform
  let kid: string | undefined
  try {
    kid = readJwsHeader(jws).kid
  } catch (error) {
    return `has an unreadable header (${messageOf(error)})`
  }
  const key = crossing.platformKeys[platform]?.keys.find((k) => k.kid === kid)
  if (!key)
    return `names key ${kid ?? '?'} of platform ${platform}, which the bundle does not carry`
  if (trustedPlatformKeys && !trustedPlatformKeys.some((t) => sameKey(t, key)))
    return `is signed by a key of platform ${platform} the verifier does not trust`
  // Only the signature is left to check: the payload read above is the one signed, as both paths
  // refuse `b64` and `crit` and the payload was decoded strictly (base64url, UTF-8) and is JSON.
  try {
    await (verifyPint ?? verifyCompactJws)(jws, key)
  } catch {
    return `is not signed by platform ${platform}'s key ${kid}`
  }
  return claimed as PintChainEntry
}

/**
 * The `crossing` step: every chain entry signed by a key of its platform (pinned by
 * `trustedPlatformKeys` when given), about this document and linked in order; the chain's
 * transactions valid under the title rules and ending on the receiving platform; and, when the
 * sender is a Landsea node, its bundle verifying in full against its own log, this chain
 * extending the one it had received, and its platform's chain entry listing exactly its actions.
 *
 * When personal values of the document are erased (commitments only in `personalFields`), the
 * PINT checksum the chain names (DCSA's, over the document in clear) cannot be recomputed: the chain
 * is then bound to the document by the sending node's bundle, whose actions the last entry lists and
 * whose document must agree with this one outside the personal values (docs/privacy.md); without
 * such a bundle the step fails.
 */
export async function checkCrossing(
  crossing: BundleCrossing,
  {
    documentChecksum,
    document,
    personalFields = [],
    isToOrder,
    sha256,
    trustedPlatformKeys,
    verifyPint,
    peekPint = peekPintJws,
    checksumOf,
  }: {
    documentChecksum: string | undefined
    /** The bundle's document and its committed fields (`documentChecksum` is unknown when erased). */
    document: unknown
    personalFields?: readonly CommittedField[] | undefined
    isToOrder: boolean
    sha256?: Sha256
    trustedPlatformKeys?: readonly JWK[]
    /** Checks a chain entry's signature as `verifyCompactJws` does (default). */
    verifyPint?: (jws: string, key: JWK) => Promise<Uint8Array>
    /**
     * Reads a chain entry's payload as `peekPintJws` does (default), never changing what it
     * returns: a memo may answer a text shown by two bundles with one object.
     */
    peekPint?: (jws: string) => unknown
    /** Computes a document's checksum as `computeDocumentChecksum` does (default). */
    checksumOf?: (document: unknown, sha256?: Sha256) => string
  },
  verifySender: (bundle: unknown) => Promise<NestedVerification>,
): Promise<CrossingCheck> {
  const chain = crossing.envelopeTransferChain
  const lastEntryChecksum = sha256Hex(chain.at(-1)!, sha256)
  const failed = (reason: string): CrossingCheck => ({ result: fail(reason), lastEntryChecksum })
  const erased = personalFields.some(isCommitmentOnly)
  const entries: PintChainEntry[] = []
  // Erased: every entry must name the one checksum the first names (bound to the document below).
  let named = documentChecksum
  for (const [i, jws] of chain.entries()) {
    const entry = await verifyEntry(jws, crossing, trustedPlatformKeys, verifyPint, peekPint)
    if (typeof entry === 'string') return failed(`chain entry ${i} ${entry}`)
    if (i === 0 && erased) named = entry.transportDocumentChecksum
    if (typeof named !== 'string' || entry.transportDocumentChecksum !== named)
      return failed(`chain entry ${i} is about another transport document`)
    const previous = i === 0 ? undefined : sha256Hex(chain[i - 1]!, sha256)
    if (entry.previousEnvelopeTransferChainEntrySignedContentChecksum !== previous)
      return failed(`chain entry ${i} does not link to the entry before it`)
    if (!Array.isArray(entry.transactions) || entry.transactions.length === 0)
      return failed(`chain entry ${i} has no transactions`)
    entries.push(entry)
  }
  const last = entries.at(-1)!
  if (last.transactions.at(-1)?.recipient?.eblPlatform !== crossing.receiver)
    return failed(`the chain does not end on platform ${crossing.receiver}`)
  const partyId = (p: PintParty) =>
    (p.eblPlatform === crossing.receiver ? crossing.parties[partyKey(p)] : undefined) ??
    foreignPartyId(p)
  const replayed = replayTransactions(
    entries.flatMap((e) => e.transactions),
    { isToOrder, partyId },
  )
  if ('reason' in replayed) return failed(`the chain ${replayed.reason}`)
  const platforms = entries.map((e) => e.eblPlatform)
  if (crossing.sender === undefined) {
    if (erased)
      return failed(
        "personal values of the document are erased: the chain's transport document checksum " +
          "cannot be recomputed, and no sending node's bundle binds the chain to the document",
      )
    const count = last.transactions.length
    return {
      result: pass(
        `${chain.length} chain entries signed by ${[...new Set(platforms)].join(', ')}; the ` +
          `${count} transactions of ${last.eblPlatform} are signed by the platform only (PINT), ` +
          `with no organisation signatures or log evidence`,
      ),
      state: replayed.state,
      lastEntryChecksum,
      summary: { platforms, logs: [], platformSignedOnly: count },
    }
  }
  const nested = await verifySender(crossing.sender)
  if (!nested.ok)
    return failed(
      `the sending node's bundle does not verify: ${nested.firstFailure?.name ?? '?'}: ${nested.firstFailure?.reason ?? ''}`,
    )
  const sender = crossing.sender as EblBundle
  const plainChecksum = (d: unknown) => (checksumOf ?? computeDocumentChecksum)(d, sha256)
  if (!isSameDocument(sender, named!, { document, fields: personalFields }, plainChecksum))
    return failed("the sending node's bundle is about another document")
  const prior = sender.crossing?.envelopeTransferChain ?? []
  if (prior.length !== chain.length - 1 || prior.some((jws, i) => chain[i] !== jws))
    return failed('the chain does not extend the one the sending node had received')
  if (sender.crossing && sender.crossing.receiver !== last.eblPlatform)
    return failed(`the sending node is not platform ${last.eblPlatform}`)
  const audited = last.transactions.flatMap((t) => (t.auditReference ? [t.auditReference] : []))
  const logged = sender.actions.map((a) => sha256Hex(a.jws, sha256))
  if (audited.length !== logged.length || audited.some((ref, i) => ref !== logged[i]))
    return failed(`the chain entry of ${last.eblPlatform} does not list the sending node's actions`)
  const logs = [...(nested.crossing?.logs ?? []), nested.asOf?.origin ?? '?']
  return {
    result: pass(
      `${chain.length} chain entries signed by ${[...new Set(platforms)].join(', ')}; the ` +
        `${logged.length} actions on ${last.eblPlatform} verified with their signatures and the ` +
        `evidence of log ${logs.at(-1)}`,
    ),
    state: replayed.state,
    lastEntryChecksum,
    summary: {
      platforms,
      logs,
      platformSignedOnly: nested.crossing?.platformSignedOnly ?? 0,
    },
  }
}

/**
 * Whether the sending node's bundle is about the document the chain names (`named`): its document in
 * clear hashes to it; or, where personal values are erased on either side, the two documents agree
 * outside every committed field and the side still in clear hashes to it.
 */
function isSameDocument(
  sender: EblBundle,
  named: string,
  ours: { readonly document: unknown; readonly fields: readonly CommittedField[] },
  checksumOf: (document: unknown) => string,
): boolean {
  const senderFields = sender.personalData?.fields ?? []
  const isSenderErased = senderFields.some(isCommitmentOnly)
  if (!isSenderErased && checksumOf(sender.document) !== named) return false
  if (!ours.fields.some(isCommitmentOnly) && !isSenderErased) return true
  const paths = [...new Set([...ours.fields, ...senderFields].map((f) => f.path))]
  // Hostile input: a path that names no value in either document fails the comparison.
  try {
    return sameCanonicalJson(
      withoutPersonalValues(sender.document, paths),
      withoutPersonalValues(ours.document, paths),
    )
  } catch {
    return false
  }
}
