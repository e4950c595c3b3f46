import type { JWK } from 'jose'
import { readJwsHeader, verifyCompactJws } from '../crypto/compact-jws.js'
import { ed25519PublicKeyFromJwk, verifyEd25519Jws } from '../crypto/ed25519-jws.js'
import type { Ed25519Verify } from '../crypto/ed25519.js'
import type { JwsAnswers, JwsRecord, JwsVerifierSession } from '../crypto/jws-verifier.js'
import { parseStrictJson } from '../crypto/strict-json.js'
import { entryOf } from '../crypto/entry-of.js'
import { sortedJsonCopy } from '../crypto/canonical-json.js'
import type { CanonicalForms } from '../identity/data-integrity.js'
import { createStatusListDecoder, decodeStatusList, type Gunzip } from '../identity/status-list.js'
import {
  createTrustStatementVerifier,
  type TrustStatementVerifier,
} from '../identity/trust-decision.js'
import { documentChecksumOf, documentChecksumOfSorted } from '../privacy/commitments.js'
import { peekPintJws } from '../pint/envelope.js'

// What one `verifyBundle` call works out once for every bundle it holds. A bill that crossed
// platforms nests the sending node's bundle, which nests its own sender's: the demo consignee's
// bundle holds three, and they repeat the transport document, the PINT chain entries before the
// last, the issuers' credentials, trust lists and status lists. Every answer is keyed by the exact
// bytes (or JSON text) it was computed from, and lives only as long as the one verification.

/** The answers one verification shares between the bundles it nests. */
export interface VerificationMemo {
  /** Every JWS of identity evidence, by policy, key and text (see `createJwsVerifierSession`). */
  readonly jws: JwsAnswers
  /** Data Integrity proof signatures, by suite, key, signed bytes and signature. */
  readonly proofs: Map<string, boolean>
  /** RFC 8785 forms of Data Integrity documents and proofs, by the object read from their text. */
  readonly canonicalForms: CanonicalForms
  /** Strictly parsed Data Integrity texts, by text: one object per text, whose forms are kept. */
  readonly readJson: typeof parseStrictJson
  /** Decoded status lists, by `encodedList` text. */
  readonly decodeStatusList: (encodedList: unknown) => Promise<Uint8Array>
  /** PINT chain entries, by key and JWS text: the payload, or why it does not verify. */
  readonly verifyPint: (jws: string, key: JWK) => Promise<Uint8Array>
  /**
   * `peekPintJws`'s reading of a chain entry's payload, by JWS text: an entry shown by two bundles
   * (each sender's chain is the start of its receiver's) is decoded and parsed once.
   */
  readonly peekPint: (jws: string) => unknown
  /** Trust lists and recognitions, by kind, policy, keys and text (see `createSharedStatements`). */
  readonly statements: StatementAnswers
  /**
   * `compute()`'s answer for `value`, kept by `kind` and the value's JSON text when the bundle is
   * JSON data (else computed each time): for checks of small values that every bundle repeats.
   */
  readonly byJson: <R>(kind: string, value: unknown, compute: () => R) => R
  /** `documentChecksumOf`, by the document and fields objects when the bundle is JSON data. */
  readonly documentChecksum: typeof documentChecksumOf
  /**
   * `documentChecksumOf` computed each time, for a document met once (a single-log bundle): when
   * the bundle is JSON data, parts already in RFC 8785 order are written in place, not copied.
   */
  readonly documentChecksumOnce: typeof documentChecksumOf
}

/** A verified statement, or why it does not verify, and the signatures its verification counted. */
type StatementAnswers = Map<
  string,
  Map<
    string,
    Promise<{
      readonly ok: boolean
      readonly value: unknown
      readonly records: readonly Parameters<JwsRecord>[]
    }>
  >
>

/**
 * A {@link TrustStatementVerifier} for one bundle's signerIdentity step that shares `answers`
 * with the other bundles of its verification: each trust list and recognition is verified and
 * read once per key, and a bundle that meets it again counts, in its own `session`, the
 * signatures that verification checked.
 */
export function createSharedStatements(
  session: JwsVerifierSession,
  answers: StatementAnswers,
): TrustStatementVerifier {
  const policy = session.algorithms.join()
  const shared =
    (kind: keyof TrustStatementVerifier) =>
    async (jws: string, key: JWK, companion?: JWK): Promise<unknown> => {
      const scope = `${kind}\n${policy}\n${JSON.stringify([key, companion ?? null])}`
      const byText = entryOf(answers, scope, () => new Map())
      let answer = byText.get(jws)
      if (answer) {
        for (const record of (await answer).records) session.record(...record)
      } else {
        const records: Parameters<JwsRecord>[] = []
        const verifier = createTrustStatementVerifier(
          session.recording((...record) => records.push(record)),
        )
        answer = verifier[kind](jws, key, companion).then(
          (value) => ({ ok: true, value, records }),
          (error: unknown) => ({ ok: false, value: error, records }),
        )
        byText.set(jws, answer)
      }
      const { ok, value } = await answer
      if (!ok) throw value
      return value
    }
  return {
    verifyTrustList: shared('verifyTrustList') as TrustStatementVerifier['verifyTrustList'],
    verifyRecognition: shared('verifyRecognition') as TrustStatementVerifier['verifyRecognition'],
  }
}

/** A function's answers by a string key; a throw is answered again, and not kept. */
function keyed<A extends unknown[], R>(
  fn: (...args: A) => R,
  keyOf: (...args: A) => string | undefined,
): (...args: A) => R {
  const answers = new Map<string, R>()
  return (...args) => {
    let key: string | undefined
    try {
      key = keyOf(...args)
    } catch {
      key = undefined
    }
    if (key === undefined) return fn(...args)
    if (answers.has(key)) return answers.get(key)!
    const answer = fn(...args)
    answers.set(key, answer)
    return answer
  }
}

/**
 * `check`'s answers by the key's JSON text, then by the JWS text: a key joined with a JWS of
 * kilobytes would be a new string to copy and hash at each lookup; the JWS alone keeps its hash.
 */
function byKeyThenText<R>(check: (jws: string, key: JWK) => R): (jws: string, key: JWK) => R {
  const answers = new Map<string, Map<string, R>>()
  return (jws, key) => {
    let scope: string
    try {
      scope = JSON.stringify(key)
    } catch {
      return check(jws, key)
    }
    const byText = entryOf(answers, scope, () => new Map<string, R>())
    if (byText.has(jws)) return byText.get(jws)!
    const answer = check(jws, key)
    byText.set(jws, answer)
    return answer
  }
}

// A platform key with other members (`use`, `key_ops`, `d`...) goes through jose and WebCrypto,
// which read them: the two paths then give the same verdict on any key a bundle carries.
const PLAIN_KEY_MEMBERS = new Set(['kty', 'crv', 'x', 'kid', 'alg'])
const isPlainEd25519Key = (key: JWK) =>
  Object.keys(key).every((member) => PLAIN_KEY_MEMBERS.has(member)) &&
  (key.alg === undefined || key.alg === 'EdDSA')

/**
 * Creates the memo of one verification over a platform's primitives. A PINT chain entry signed
 * with Ed25519 under a plain key is checked by `ed25519` (`verifyEd25519Jws` accepts what
 * `verifyCompactJws` accepts for EdDSA, under libsodium's rules: no small-order key or R), anything
 * else by `verifyCompactJws`.
 */
export function createVerificationMemo({
  ed25519,
  gunzip,
  jsonData = false,
}: {
  ed25519?: Ed25519Verify
  gunzip?: Gunzip
  /**
   * Whether the bundle is JSON text (or its bytes), so that every value in it is JSON data: then a
   * document's checksum is kept by its JSON text, which RFC 8785 reorders but does not change.
   */
  jsonData?: boolean
} = {}): VerificationMemo {
  const checkPint = (jws: string, key: JWK): Promise<Uint8Array> => {
    const raw = ed25519 && isPlainEd25519Key(key) ? ed25519PublicKeyFromJwk(key) : undefined
    if (!raw) return verifyCompactJws(jws, key)
    try {
      if (readJwsHeader(jws).alg !== 'EdDSA') return verifyCompactJws(jws, key)
      return Promise.resolve(verifyEd25519Jws(jws, raw, ed25519))
    } catch (error) {
      return Promise.reject(error as Error)
    }
  }
  const answers = new Map<string, unknown>()
  return {
    jws: new Map(),
    proofs: new Map(),
    statements: new Map(),
    canonicalForms: { documents: new Map(), proofs: new Map() },
    readJson: keyed(parseStrictJson, (text) => text),
    byJson: (kind, value, compute) => {
      if (!jsonData) return compute()
      const id = `${kind}\n${JSON.stringify(value)}`
      if (!answers.has(id)) answers.set(id, compute())
      return answers.get(id) as ReturnType<typeof compute>
    },
    decodeStatusList: keyed(gunzip ? createStatusListDecoder(gunzip) : decodeStatusList, (list) =>
      typeof list === 'string' ? list : undefined,
    ),
    verifyPint: byKeyThenText(checkPint),
    peekPint: keyed(peekPintJws, (jws) => jws),
    documentChecksum: jsonData ? checksumByObject() : documentChecksumOf,
    documentChecksumOnce: (document, fields, sha256) =>
      documentChecksumOf(document, fields, sha256, jsonData),
  }
}

/**
 * `documentChecksumOf` kept by the document object and the fields object: a nested bundle's
 * document is checked by its own bundle and again by the crossing step of the bundle that holds
 * it, as the same object (the text is parsed once). A new document object is then looked up by its
 * JSON text (written once per object) and its fields' JSON text: each nested bundle carries its
 * own copy of the transport document, the same JSON data, and equal JSON data has one RFC 8785
 * form. The consignee's bundle computes 3 checksums, not 6 (its 3 copies, 2 committed forms under
 * different salts). Only for JSON data, which nothing changes during a verification.
 */
function checksumByObject(): typeof documentChecksumOf {
  const answers = new WeakMap<object, Map<unknown, string>>()
  const texts = new WeakMap<object, string>()
  // By the fields' JSON text, then by the document's (one string per document object, whose hash
  // is kept): not by the two joined, a new string of kilobytes to copy and hash at each lookup.
  const byText = new Map<string, Map<string, string>>()
  const sortedByText = new Map<string, unknown>()
  return (document, fields, sha256) => {
    if (typeof document !== 'object' || document === null)
      return documentChecksumOf(document, fields, sha256)
    const byFields = entryOf(answers, document, () => new Map<unknown, string>())
    let answer = byFields.get(fields)
    if (answer === undefined) {
      let text = texts.get(document)
      if (text === undefined) texts.set(document, (text = JSON.stringify(document)))
      const fieldsText = JSON.stringify(fields ?? [])
      const byDocument = entryOf(byText, fieldsText, () => new Map<string, string>())
      answer = byDocument.get(text)
      if (answer === undefined) {
        let sorted = sortedByText.get(text)
        if (sorted === undefined) sortedByText.set(text, (sorted = sortedJsonCopy(document, true)))
        answer =
          (sorted === undefined ? undefined : documentChecksumOfSorted(sorted, fields, sha256)) ??
          documentChecksumOf(document, fields, sha256)
        byDocument.set(text, answer)
      }
      byFields.set(fields, answer)
    }
    return answer
  }
}
