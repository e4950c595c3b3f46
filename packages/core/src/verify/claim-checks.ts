import type { JWK } from 'jose'
import { fromBase64 } from '../crypto/base64.js'
import { verifyEd25519, type Ed25519Verify } from '../crypto/ed25519.js'
import { ed25519PublicKeyFromJwk, verifyEd25519Jws } from '../crypto/ed25519-jws.js'
import { toHex } from '../crypto/sha256.js'
import { EMISSIONS_CLAIM_TYPE, emissionsClaimSubject } from '../emissions/emissions-claim.js'
import type { FactorTable } from '../emissions/factor-tables.js'
import { issuerIdOf } from '../identity/credential.js'
import type { Checkpoint } from '../ledger/checkpoint.js'
import { verifyInclusionProof } from '../ledger/inclusion-proof.js'
import { encodeLeaf } from '../ledger/leaf-envelope.js'
import type { TrackingEvent } from '../tracking/tracking-event.js'
import type { BundleHashes } from './bundle-hashes.js'
import { fail, messageOf, pass, skip, type StepResult } from './verification-steps.js'

// The emissions claim a bundle may carry (docs/emissions.md), checked as three steps of its own.

/** The steps of an emissions claim, reported after the bill's steps when a bundle carries one. */
export const CLAIM_STEPS = ['claimSignature', 'claimInclusion', 'claimRecomputation'] as const

/** One of {@link CLAIM_STEPS}. */
export type ClaimStepName = (typeof CLAIM_STEPS)[number]

/** An emissions claim as a bundle carries it: the credential, its key, and the events it cites. */
export interface BundleEmissionsClaim {
  /** The claim secured as `vc+jwt` (EdDSA). */
  readonly credential: string
  /** The issuer's public key (Ed25519 JWK); the JWS `kid` names it. */
  readonly issuerKey: JWK
  /** Every cited event, with its inclusion proof to the bundle's checkpoint (standard base64). */
  readonly events: readonly {
    readonly event: Record<string, unknown>
    readonly leafIndex: number
    readonly inclusionProof: readonly string[]
  }[]
}

/** What a verified claim states. */
export interface VerifiedEmissionsClaim {
  /** The credential's `id`, which a green-linked pledge cites. */
  readonly id?: string
  readonly issuer: string
  readonly shipmentKey: string
  readonly co2eKg: number
  readonly factorTableVersion: string
  readonly events: number
  readonly validFrom?: string
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const MAX_EVENTS = 10_000
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Checks a bundle's emissions claim: `claimSignature` (shape, EdDSA signature by the carried key,
 * pinned when the verifier trusts given keys only), `claimInclusion` (the bundle's events are
 * exactly the cited leaves, each hash matches, each is proved against the checkpoint) and
 * `claimRecomputation` (the figure recomputes from the cited events with the stated factor table).
 */
export function checkEmissionsClaim(
  claim: unknown,
  checkpoint: Checkpoint | undefined,
  {
    hashes,
    ed25519 = verifyEd25519,
    trustedClaimKeys,
    factorTables,
  }: {
    hashes: BundleHashes
    ed25519?: Ed25519Verify
    trustedClaimKeys?: readonly JWK[]
    factorTables?: Readonly<Record<string, FactorTable>>
  },
): { results: Map<ClaimStepName, StepResult>; claim?: VerifiedEmissionsClaim } {
  const results = new Map<ClaimStepName, StepResult>()
  const done = () => {
    for (const s of CLAIM_STEPS) if (!results.has(s)) results.set(s, skip('not reached'))
    return { results }
  }
  // claimSignature
  const shapeOk =
    isObject(claim) &&
    Object.keys(claim).length === 3 &&
    typeof claim.credential === 'string' &&
    isObject(claim.issuerKey) &&
    Array.isArray(claim.events) &&
    claim.events.length <= MAX_EVENTS &&
    claim.events.every(
      (e: unknown) =>
        isObject(e) &&
        Object.keys(e).length === 3 &&
        isObject(e.event) &&
        Number.isSafeInteger(e.leafIndex) &&
        (e.leafIndex as number) >= 0 &&
        Array.isArray(e.inclusionProof) &&
        e.inclusionProof.length <= 64 &&
        e.inclusionProof.every((h) => typeof h === 'string'),
    )
  if (!shapeOk) {
    results.set(
      'claimSignature',
      fail(
        'the claim is not { credential, issuerKey, events: [{ event, leafIndex, inclusionProof }] }',
      ),
    )
    return done()
  }
  const c = claim as unknown as BundleEmissionsClaim
  const key = ed25519PublicKeyFromJwk(c.issuerKey)
  if (!key) {
    results.set('claimSignature', fail('the issuer key is not an Ed25519 public JWK'))
    return done()
  }
  if (
    trustedClaimKeys &&
    !trustedClaimKeys.some((k) => k.kty === 'OKP' && k.crv === 'Ed25519' && k.x === c.issuerKey.x)
  ) {
    results.set('claimSignature', fail('the claim is signed by a key this verifier does not trust'))
    return done()
  }
  let credential: Record<string, unknown>
  try {
    const payload = verifyEd25519Jws(c.credential, key, ed25519)
    const value: unknown = JSON.parse(utf8.decode(payload))
    if (!isObject(value)) throw new Error('the payload is not a JSON object')
    credential = value
  } catch (error) {
    results.set(
      'claimSignature',
      fail(`the claim's signature does not verify: ${messageOf(error)}`),
    )
    return done()
  }
  const subject = credential.credentialSubject
  const issuer = issuerIdOf(credential)
  if (
    !Array.isArray(credential.type) ||
    !credential.type.includes(EMISSIONS_CLAIM_TYPE) ||
    !issuer ||
    !isObject(subject) ||
    typeof subject.shipmentKey !== 'string' ||
    typeof subject.factorTableVersion !== 'string' ||
    typeof subject.teu !== 'number' ||
    !Array.isArray(subject.events)
  ) {
    results.set('claimSignature', fail(`the signed credential is not a ${EMISSIONS_CLAIM_TYPE}`))
    return done()
  }
  results.set('claimSignature', pass(`signed by ${issuer}`))

  // claimInclusion
  if (!checkpoint) {
    results.set('claimInclusion', fail('no readable checkpoint to prove the cited events against'))
    return done()
  }
  const cited = subject.events as unknown[]
  if (cited.length !== c.events.length) {
    results.set(
      'claimInclusion',
      fail(`the claim cites ${cited.length} events, the bundle carries ${c.events.length}`),
    )
    return done()
  }
  const withHashes: { event: TrackingEvent; leafIndex: number; leafHash: string }[] = []
  for (const [i, e] of c.events.entries()) {
    const citation = cited[i]
    if (!isObject(citation) || citation.leafIndex !== e.leafIndex) {
      results.set('claimInclusion', fail(`event ${i}: leaf ${e.leafIndex} is not the cited leaf`))
      return done()
    }
    const proof = e.inclusionProof.map((h) => fromBase64(h))
    if (proof.some((h) => h === undefined)) {
      results.set('claimInclusion', fail(`event ${i}: a proof hash is not base64`))
      return done()
    }
    try {
      const leafHash = hashes.hashLeaf(encodeLeaf({ type: 'tracking-event', body: e.event }))
      const hex = toHex(leafHash)
      if (hex !== citation.leafHash) throw new Error(`its hash ${hex} is not the cited one`)
      verifyInclusionProof(
        { leafIndex: e.leafIndex, treeSize: checkpoint.treeSize, hashes: proof as Uint8Array[] },
        leafHash,
        checkpoint.rootHash,
        hashes.hashChildren,
      )
      withHashes.push({
        event: e.event as unknown as TrackingEvent,
        leafIndex: e.leafIndex,
        leafHash: hex,
      })
    } catch (error) {
      results.set(
        'claimInclusion',
        fail(`event ${i} (leaf ${e.leafIndex}) is not proved in the log: ${messageOf(error)}`),
      )
      return done()
    }
  }
  results.set(
    'claimInclusion',
    pass(`${c.events.length} cited events are in the log at tree size ${checkpoint.treeSize}`),
  )

  // claimRecomputation
  try {
    const recomputed = emissionsClaimSubject({
      shipmentKey: subject.shipmentKey,
      consignment: {
        teu: subject.teu,
        ...(typeof subject.tonnes === 'number' ? { tonnes: subject.tonnes } : {}),
      },
      events: withHashes,
      factorTableVersion: subject.factorTableVersion,
      ...(factorTables ? { tables: factorTables } : {}),
    })
    if (!isSameJson(recomputed, subject))
      throw new Error(
        `the cited events give ${recomputed.co2eKg} kg CO2e, the claim states ${String(subject.co2eKg)}`,
      )
    results.set(
      'claimRecomputation',
      pass(
        `${recomputed.co2eKg} kg CO2e recomputed with factor table ${recomputed.factorTableVersion}`,
      ),
    )
    return {
      results,
      claim: {
        ...(typeof credential.id === 'string' ? { id: credential.id } : {}),
        issuer,
        shipmentKey: recomputed.shipmentKey,
        co2eKg: recomputed.co2eKg,
        factorTableVersion: recomputed.factorTableVersion,
        events: c.events.length,
        ...(typeof credential.validFrom === 'string' ? { validFrom: credential.validFrom } : {}),
      },
    }
  } catch (error) {
    results.set('claimRecomputation', fail(`the figure does not recompute: ${messageOf(error)}`))
    return done()
  }
}

// JSON values compared member by member whatever the order of object members, without building
// sorted copies (this comparison runs once per verified claim).
function isSameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!isSameJson(a[i], b[i])) return false
    return true
  }
  if (!isObject(a) || !isObject(b)) return false
  // A member whose value is undefined is absent in JSON.
  const keys = Object.keys(a).filter((k) => a[k] !== undefined)
  if (keys.length !== Object.keys(b).filter((k) => b[k] !== undefined).length) return false
  for (const k of keys) if (!isSameJson(a[k], b[k])) return false
  return true
}
