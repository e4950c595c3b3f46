import type { JWK } from 'jose'
import {
  canonicalJsonBytes,
  fromBase64Url,
  readJwsHeader,
  sha256Hex,
  signCompactJws,
  verifyCompactJws,
  type PublicSigningKey,
  type Sha256,
  type SigningKeyPair,
} from '../crypto/index.js'
import { computeDocumentChecksum } from '../ebl/action-entry.js'
import type { TitleState } from '../ebl/title-state.js'
import { replayTransactions } from './chain-replay.js'

/** A DCSA PINT `IdentifyingCode`. */
export interface PintIdentifyingCode {
  readonly codeListProvider: string
  readonly partyCode: string
  readonly codeListName?: string
}

/** A DCSA PINT `ActorParty` / `RecipientParty` (the fields we write). */
export interface PintParty {
  readonly partyName: string
  readonly eblPlatform: string
  readonly identifyingCodes: readonly PintIdentifyingCode[]
}

/** A DCSA PINT `Transaction`. */
export interface PintTransaction {
  readonly actionCode: string
  readonly actor: PintParty
  readonly recipient?: PintParty
  readonly actionDateTime: string
  readonly reasonCode?: string
  readonly comments?: string
  readonly auditReference?: string
}

/** A DCSA PINT `EnvelopeTransferChainEntry`. */
export interface PintChainEntry {
  readonly eblPlatform: string
  readonly transportDocumentChecksum: string
  readonly previousEnvelopeTransferChainEntrySignedContentChecksum?: string
  readonly transactions: readonly PintTransaction[]
}

/** A DCSA PINT `DocumentMetadata`. */
export interface PintDocumentMetadata {
  readonly name: string
  readonly size: number
  readonly mediaType: string
  readonly documentChecksum: string
}

/** A DCSA PINT `EnvelopeManifest`. */
export interface PintManifest {
  readonly transportDocumentChecksum: string
  readonly lastEnvelopeTransferChainEntrySignedContentChecksum: string
  readonly eBLVisualisationByCarrier?: PintDocumentMetadata
  readonly supportingDocuments?: readonly PintDocumentMetadata[]
}

/** A DCSA PINT `EblEnvelope`. */
export interface PintEnvelope {
  readonly transportDocument: Record<string, unknown>
  readonly envelopeManifestSignedContent: string
  readonly envelopeTransferChain: readonly string[]
}

/** The PINT response codes (`EnvelopeTransferFinishedResponse.responseCode`). */
export type PintResponseCode = 'RECE' | 'DUPE' | 'BSIG' | 'BENV' | 'INCD' | 'MDOC' | 'DISE'

/** A DCSA PINT `EnvelopeTransferFinishedResponse`. */
export interface PintFinishedResponse {
  readonly lastEnvelopeTransferChainEntrySignedContentChecksum: string
  readonly responseCode: PintResponseCode
  readonly duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent?: string
  readonly reason?: string
  readonly missingAdditionalDocumentChecksums?: readonly string[]
  readonly receivedAdditionalDocumentChecksums?: readonly string[]
}

/** The HTTP status PINT 3.0.0 gives each response code. */
export const PINT_HTTP_STATUS: Readonly<Record<PintResponseCode, number>> = {
  RECE: 200,
  DUPE: 200,
  BSIG: 422,
  BENV: 422,
  INCD: 409,
  MDOC: 409,
  DISE: 409,
}

/** The JWS `typ` of everything a Landsea platform signs for PINT. */
export const PINT_JWS_TYPE = 'JWT'

/** Signs a payload's bytes as a compact JWS with a platform key (`alg` and `kid` in the header). */
export type SignPintBytes = (payload: Uint8Array, key: SigningKeyPair) => Promise<string> | string

/** Verifies a compact JWS with a public JWK and returns its payload; throws when it does not verify. */
export type VerifyPintJws = (jws: string, key: JWK) => Promise<Uint8Array> | Uint8Array

/**
 * The primitives PINT signs, verifies and hashes with; each defaults to core's pure one. A platform
 * may pass native ones that accept and produce exactly the same (e.g. Ed25519 through OpenSSL).
 */
export interface PintPrimitives {
  readonly sign?: SignPintBytes
  readonly verify?: VerifyPintJws
  readonly sha256?: Sha256
}

const signBytes: SignPintBytes = (payload, key) =>
  signCompactJws({ payload, privateJwk: key.privateJwk, alg: key.alg, kid: key.kid })

/** Signs a PINT payload (chain entry, manifest, response) with a platform key, RFC 8785 JSON. */
export async function signPintJws(
  payload: unknown,
  key: SigningKeyPair,
  sign: SignPintBytes = signBytes,
): Promise<string> {
  return sign(canonicalJsonBytes(payload), key)
}

/** SHA-256 (hex) of a JWS string: how PINT links chain entries and manifests. */
export const jwsChecksum = (jws: string, sha256?: Sha256): string => sha256Hex(jws, sha256)

/** The keys a platform publishes (a JWKS); rotated keys stay listed so old entries verify. */
export interface PlatformKeys {
  readonly keys: readonly JWK[]
}

/** Finds the public key a JWS names (`kid`) in a platform's JWKS. */
function keyFor(jwks: PlatformKeys, kid: string | undefined): JWK | undefined {
  return jwks.keys.find((k) => k.kid === kid)
}

/**
 * Verifies a PINT JWS with a platform's keys and returns its JSON payload, or undefined. `verify`
 * has the contract of `verifyCompactJws` (the default), e.g. over a platform's Ed25519.
 */
export async function verifyPintJws(
  jws: string,
  jwks: PlatformKeys | undefined,
  verify: VerifyPintJws = verifyCompactJws,
): Promise<unknown> {
  if (!jwks) return undefined
  try {
    const header = readJwsHeader(jws)
    const key = keyFor(jwks, header.kid)
    if (!key) return undefined
    const bytes = await verify(jws, key)
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown
  } catch {
    return undefined
  }
}

// One decoder for every peek: without `stream`, each `decode` starts afresh.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Reads a JWS payload as JSON without verifying it (to learn who claims to have signed). */
export function peekPintJws(jws: string): unknown {
  const part = jws.split('.')[1]
  const bytes = part === undefined ? undefined : fromBase64Url(part)
  if (!bytes) return undefined
  try {
    return JSON.parse(strictUtf8.decode(bytes)) as unknown
  } catch {
    return undefined
  }
}

/** Builds and signs one chain entry linked to the previous chain, and the manifest over it. */
export async function buildEnvelope({
  transportDocument,
  previousChain = [],
  platform,
  transactions,
  supportingDocuments = [],
  key,
  primitives: { sign, sha256 } = {},
  documentChecksum = computeDocumentChecksum(transportDocument, sha256),
}: {
  transportDocument: Record<string, unknown>
  previousChain?: readonly string[]
  platform: string
  transactions: readonly PintTransaction[]
  supportingDocuments?: readonly PintDocumentMetadata[]
  key: SigningKeyPair
  primitives?: PintPrimitives
  /** `computeDocumentChecksum(transportDocument)`, when the caller has already computed it. */
  documentChecksum?: string
}): Promise<{ envelope: PintEnvelope; manifest: PintManifest; lastEntryChecksum: string }> {
  const previous = previousChain.at(-1)
  const entry: PintChainEntry = {
    eblPlatform: platform,
    transportDocumentChecksum: documentChecksum,
    ...(previous
      ? { previousEnvelopeTransferChainEntrySignedContentChecksum: jwsChecksum(previous, sha256) }
      : {}),
    transactions,
  }
  const entryJws = await signPintJws(entry, key, sign)
  const lastEntryChecksum = jwsChecksum(entryJws, sha256)
  const manifest: PintManifest = {
    transportDocumentChecksum: documentChecksum,
    lastEnvelopeTransferChainEntrySignedContentChecksum: lastEntryChecksum,
    ...(supportingDocuments.length > 0 ? { supportingDocuments } : {}),
  }
  return {
    envelope: {
      transportDocument,
      envelopeManifestSignedContent: await signPintJws(manifest, key, sign),
      envelopeTransferChain: [...previousChain, entryJws],
    },
    manifest,
    lastEntryChecksum,
  }
}

/** An envelope whose signatures, checksums, links and transactions all hold. */
export interface CheckedEnvelope {
  readonly documentChecksum: string
  readonly manifest: PintManifest
  readonly entries: readonly PintChainEntry[]
  readonly entryChecksums: readonly string[]
  readonly lastEntryChecksum: string
  /** The platform that sent it (the last entry's). */
  readonly sender: string
  /** The party the last transaction names, on this platform. */
  readonly recipient: PintParty
  /** The title state after replaying every transaction under our rules, parties keyed by `partyKey`. */
  readonly state: TitleState
  /** Every additional document the manifest lists. */
  readonly documents: readonly PintDocumentMetadata[]
}

/** Why an envelope is refused: the response code and a reason. */
export interface EnvelopeRefusal {
  readonly responseCode: 'BSIG' | 'BENV'
  readonly reason: string
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Checks a received envelope as PINT 3.0.0 asks, after its schema: every chain entry and the manifest
 * signed by a known key of the platform it names (BSIG); the manifest's checksums equal the document's
 * and the last entry's, the entries linked in order, each about this document, the first one issuing
 * it, the transactions valid under our title rules, and the last one addressed to this platform (BENV).
 */
export async function checkEnvelope({
  envelope,
  platform,
  keysOf,
  primitives: { verify, sha256 } = {},
}: {
  envelope: PintEnvelope
  /** This platform's code. */
  platform: string
  /** The JWKS of a known platform, or undefined. */
  keysOf: (code: string) => PlatformKeys | undefined | Promise<PlatformKeys | undefined>
  primitives?: PintPrimitives
}): Promise<CheckedEnvelope | EnvelopeRefusal> {
  const bsig = (reason: string): EnvelopeRefusal => ({ responseCode: 'BSIG', reason })
  const benv = (reason: string): EnvelopeRefusal => ({ responseCode: 'BENV', reason })
  const entries: PintChainEntry[] = []
  const checksums: string[] = []
  for (const [i, jws] of envelope.envelopeTransferChain.entries()) {
    const claimed = peekPintJws(jws)
    if (!isObject(claimed) || typeof claimed.eblPlatform !== 'string')
      return benv(`chain entry ${i} is not a JSON chain entry`)
    const payload = await verifyPintJws(jws, await keysOf(claimed.eblPlatform), verify)
    if (!isObject(payload))
      return bsig(`chain entry ${i} is not signed by a known key of ${claimed.eblPlatform}`)
    entries.push(payload as unknown as PintChainEntry)
    checksums.push(jwsChecksum(jws, sha256))
  }
  const last = entries.at(-1)
  if (!last) return benv('the envelope transfer chain is empty')
  const sender = last.eblPlatform
  const manifest = await verifyPintJws(
    envelope.envelopeManifestSignedContent,
    await keysOf(sender),
    verify,
  )
  if (!isObject(manifest)) return bsig(`the manifest is not signed by a known key of ${sender}`)
  const m = manifest as unknown as PintManifest
  const documentChecksum = computeDocumentChecksum(envelope.transportDocument, sha256)
  if (m.transportDocumentChecksum !== documentChecksum)
    return benv('the manifest names another transport document')
  const lastEntryChecksum = checksums.at(-1)!
  if (m.lastEnvelopeTransferChainEntrySignedContentChecksum !== lastEntryChecksum)
    return benv('the manifest names another last chain entry')
  for (const [i, entry] of entries.entries()) {
    if (entry.transportDocumentChecksum !== documentChecksum)
      return benv(`chain entry ${i} is about another transport document`)
    const expected = i === 0 ? undefined : checksums[i - 1]
    if (entry.previousEnvelopeTransferChainEntrySignedContentChecksum !== expected)
      return benv(`chain entry ${i} does not link to the entry before it`)
    if (!Array.isArray(entry.transactions) || entry.transactions.length === 0)
      return benv(`chain entry ${i} has no transactions`)
  }
  const replayed = replayTransactions(
    entries.flatMap((e) => e.transactions),
    { isToOrder: envelope.transportDocument.isToOrder === true },
  )
  if ('reason' in replayed) return benv(replayed.reason)
  const { state } = replayed
  const lastTx = last.transactions.at(-1)!
  if (!lastTx.recipient || lastTx.recipient.eblPlatform !== platform)
    return benv(`the last transaction is not addressed to platform ${platform}`)
  return {
    documentChecksum,
    manifest: m,
    entries,
    entryChecksums: checksums,
    lastEntryChecksum,
    sender,
    recipient: lastTx.recipient,
    state,
    documents: [
      ...(m.eBLVisualisationByCarrier ? [m.eBLVisualisationByCarrier] : []),
      ...(m.supportingDocuments ?? []),
    ],
  }
}

/** True when a check refused the envelope. */
export const isRefusal = (r: CheckedEnvelope | EnvelopeRefusal): r is EnvelopeRefusal =>
  'responseCode' in r

/** The public half of a platform signing key, as a JWKS entry. */
export function publicPlatformJwk(key: PublicSigningKey): JWK {
  return { ...key.publicJwk, kid: key.kid, alg: key.alg }
}
