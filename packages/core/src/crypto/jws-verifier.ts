import type { JWK } from 'jose'
import { verifyCompactJws, readJwsHeader } from './compact-jws.js'
import { CryptoError } from './crypto-error.js'
import { entryOf } from './entry-of.js'
import { compactSignaturesOf } from './dual-jws.js'
import { ed25519PublicKeyFromJwk, verifyEd25519Jws } from './ed25519-jws.js'
import type { Ed25519Verify } from './ed25519.js'
import { verifyP256Jws, type P256Verify } from './p256-jws.js'
import { SIGNING_ALGORITHMS } from './signing-key.js'

/** What a {@link VerifyCompactJws} is told beside the JWS and its signer's key. */
export interface VerifyJwsOptions {
  /** The algorithms this check accepts (default EdDSA, ES256, SM2SM3). */
  readonly algorithms?: readonly string[]
  /**
   * The signer's second key (an Ed25519 companion of an SM2 key): a dual-signed JWS in the general
   * JSON serialisation has one signature by each key, told apart by algorithm.
   */
  readonly companionJwk?: JWK
}

/**
 * The contract of {@link verifyCompactJws}, widened to dual signing: the payload of a JWS that
 * verifies, else a throw. The JWS is compact, or general JSON (RFC 7515 §7.2.1) with a signature
 * by `publicJwk` and one by `companionJwk`; each signature in an accepted algorithm is checked
 * and must verify, others are skipped, and at least one must be checked.
 */
export type VerifyCompactJws = (
  jws: string,
  publicJwk: JWK,
  options?: VerifyJwsOptions,
) => Promise<Uint8Array>

/**
 * Counts one signature of a {@link JwsVerifierSession}'s report, by an `id` that names it (a JWS or
 * a proof value) and, for a JWS checked under a key, that key's `x` (the same JWS under two keys
 * counts twice).
 */
export type JwsRecord = (
  id: string,
  alg: string,
  status: 'verified' | 'skipped',
  key?: string,
) => void

/** A {@link VerifyCompactJws} that checks each distinct JWS once and counts what it checked. */
export interface JwsVerifierSession {
  readonly verify: VerifyCompactJws
  /** Signatures that verified, by algorithm (a repeated JWS and key counts once). */
  readonly checked: ReadonlyMap<string, number>
  /** Signatures of a dual-signed JWS or proof set left unchecked by this verifier's suites. */
  readonly skipped: ReadonlyMap<string, number>
  /** Counts a signature checked outside `verify` (a Data Integrity proof), once per `id`. */
  readonly record: JwsRecord
  /**
   * `verify`, also telling `sink` each signature it counts: what a caller that keeps an answer
   * for other sessions replays into their `record`.
   */
  readonly recording: (sink: JwsRecord) => VerifyCompactJws
  /** The suites this session accepts. */
  readonly algorithms: readonly string[]
}

// The JWS algorithm a public JWK verifies, for telling a dual signature's two keys apart.
function algorithmOf(jwk: JWK | undefined): string | undefined {
  if (!jwk) return undefined
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA'
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256'
  if (jwk.kty === 'EC' && jwk.crv === 'SM2') return 'SM2SM3'
  return undefined
}

/**
 * Verifies a compact or general-JSON JWS with `verifyOne` for each signature in `accepted`
 * algorithms (the others are reported to `skip`), as {@link VerifyCompactJws} describes.
 */
export async function verifyJwsText(
  text: string,
  publicJwk: JWK,
  { algorithms = SIGNING_ALGORITHMS, companionJwk }: VerifyJwsOptions = {},
  verifyOne: (compact: string, jwk: JWK, allowed: readonly string[]) => Promise<Uint8Array> = (
    compact,
    jwk,
    allowed,
  ) => verifyCompactJws(compact, jwk, { algorithms: allowed }),
  skip: (compact: string, alg: string) => void = () => {},
): Promise<Uint8Array> {
  const compacts = compactSignaturesOf(text)
  if (!compacts) return verifyOne(text, publicJwk, algorithms)
  const keys = [publicJwk, companionJwk]
  const typ = readJwsHeader(compacts[0]!).typ
  let payload: Uint8Array | undefined
  for (const compact of compacts) {
    const header = readJwsHeader(compact)
    if (header.typ !== typ)
      throw new CryptoError('CRYPTO_JWS_MALFORMED', 'the signatures differ in typ')
    // A suite this software does not know is refused, not skipped: else a changed `alg` would
    // turn a signature into one nobody checks.
    if (!(SIGNING_ALGORITHMS as readonly string[]).includes(header.alg)) {
      throw new CryptoError('CRYPTO_ALG_NOT_ALLOWED', `unknown algorithm ${header.alg}`)
    }
    if (!algorithms.includes(header.alg)) {
      skip(compact, header.alg)
      continue
    }
    const key = keys.find((k) => algorithmOf(k) === header.alg)
    if (!key) throw new CryptoError('CRYPTO_KEY_INVALID', `no ${header.alg} key for a signature`)
    payload = await verifyOne(compact, key, algorithms)
  }
  if (!payload) {
    throw new CryptoError('CRYPTO_ALG_NOT_ALLOWED', 'no signature in an accepted algorithm')
  }
  return payload
}

/**
 * The answers of {@link createJwsVerifierSession}s that share them (the bundles a multi-log bundle
 * nests, each with its own counts): each JWS, key and suite policy, checked once.
 */
export type JwsAnswers = Map<
  string,
  Map<string, Promise<{ readonly payload: Uint8Array; readonly alg: string }>>
>

/**
 * Creates a verifier for one verification (such as one bundle's identity evidence, where the same
 * trust list is shown for every signer): a JWS and key it has seen get the answer it computed
 * then, which cannot differ as verification is deterministic. `algorithms` are the suites this
 * verifier requires (a Chinese verifier may require SM2SM3, one abroad leave it out); a JWS signed
 * only in another fails with `CRYPTO_ALG_NOT_ALLOWED`, and a dual-signed one is checked in the
 * suites it accepts. `ed25519` and `p256` are a platform's Ed25519 and P-256 verifiers. Sessions
 * given the same `answers` share them; each still counts what its own verification checked.
 */
export function createJwsVerifierSession({
  algorithms = SIGNING_ALGORITHMS,
  ed25519,
  p256,
  answers = new Map(),
}: {
  algorithms?: readonly string[]
  ed25519?: Ed25519Verify
  p256?: P256Verify
  answers?: JwsAnswers
} = {}): JwsVerifierSession {
  const checked = new Map<string, number>()
  const skipped = new Map<string, number>()
  // Keyed by the short parts, then by the text itself: a key joined with a JWS of kilobytes is a
  // new string to copy and hash at each lookup; the JWS alone keeps its hash.
  const seen = new Map<string, Set<string>>()
  const record: JwsRecord = (id, alg, status, key = '') => {
    const scope = `${status}\n${key}`
    const ids = entryOf(seen, scope, () => new Set<string>())
    if (ids.has(id)) return
    ids.add(id)
    const counts = status === 'verified' ? checked : skipped
    counts.set(alg, (counts.get(alg) ?? 0) + 1)
  }
  const check = async (jws: string, jwk: JWK, allowed: readonly string[]) => {
    const { alg } = readJwsHeader(jws)
    if (!allowed.includes(alg) || !algorithms.includes(alg)) {
      throw new CryptoError('CRYPTO_ALG_NOT_ALLOWED', `algorithm ${alg} is not allowed`)
    }
    const raw = alg === 'EdDSA' && ed25519 ? ed25519PublicKeyFromJwk(jwk) : undefined
    const payload = raw
      ? verifyEd25519Jws(jws, raw, ed25519)
      : alg === 'ES256' && p256
        ? verifyP256Jws(jws, jwk, p256)
        : await verifyCompactJws(jws, jwk, { algorithms })
    return { payload, alg }
  }
  const policy = algorithms.join()
  const verifyOne = async (jws: string, jwk: JWK, allowed: readonly string[], note: JwsRecord) => {
    const scope = `${policy}\n${allowed.join()}\n${jwk.kty}|${jwk.crv}|${jwk.x}|${jwk.y}`
    const byText = entryOf(answers, scope, () => new Map())
    let answer = byText.get(jws)
    if (!answer) {
      answer = check(jws, jwk, allowed)
      byText.set(jws, answer)
    }
    const { payload, alg } = await answer
    note(jws, alg, 'verified', `${jwk.x}`)
    return payload
  }
  const verifyNoting =
    (note: JwsRecord): VerifyCompactJws =>
    (jws, jwk, options = {}) =>
      verifyJwsText(
        jws,
        jwk,
        {
          ...options,
          algorithms: (options.algorithms ?? SIGNING_ALGORITHMS).filter((a) =>
            algorithms.includes(a),
          ),
        },
        (compact, key, allowed) => verifyOne(compact, key, allowed, note),
        (compact, alg) => note(compact, alg, 'skipped'),
      )
  const recording = (sink: JwsRecord) =>
    verifyNoting((id, alg, status, key) => {
      record(id, alg, status, key)
      sink(id, alg, status, key)
    })
  return { verify: verifyNoting(record), checked, skipped, record, recording, algorithms }
}
