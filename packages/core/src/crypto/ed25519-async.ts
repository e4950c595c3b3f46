import { verifyEd25519, type Ed25519Verify } from './ed25519.js'
import { hasStrictEd25519Encoding } from './ed25519-strict.js'

/**
 * A platform's asynchronous Ed25519 verifier with the contract of {@link verifyEd25519}: resolves
 * `true` only for a valid signature; never rejects. In browsers: WebCrypto
 * ({@link createWebCryptoEd25519Verifier}).
 */
export type Ed25519VerifyAsync = (
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
) => Promise<boolean>

/** The part of WebCrypto's `SubtleCrypto` the verifier uses (STYLE rule 3). */
interface SubtleEd25519 {
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: { name: 'Ed25519' },
    extractable: false,
    usages: ['verify'],
  ): Promise<unknown>
  verify(
    algorithm: { name: 'Ed25519' },
    key: unknown,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>
}

const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (b) => parseInt(b, 16))
// RFC 8032 §7.1, test 1 (the empty message): a platform that verifies it has Ed25519.
const TEST_KEY = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')
const TEST_SIGNATURE = hex(
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
)

/**
 * WebCrypto's Ed25519 (`crypto.subtle.verify({ name: 'Ed25519' }, …)`, native code off the page's
 * thread in Chromium), wrapped to accept exactly what {@link verifyEd25519} accepts: encodings
 * are checked first by {@link hasStrictEd25519Encoding}, as for Node's OpenSSL. Each public key is
 * imported once. Resolves to `undefined` where the platform has no Ed25519 (older browsers), so a
 * caller falls back to libsodium's WebAssembly (`initEd25519Verifier`).
 */
export async function createWebCryptoEd25519Verifier(
  subtle: SubtleEd25519 | undefined = (globalThis as { crypto?: { subtle?: SubtleEd25519 } }).crypto
    ?.subtle,
): Promise<Ed25519VerifyAsync | undefined> {
  if (!subtle) return undefined
  const keys = new Map<string, Promise<unknown>>()
  const keyOf = (publicKey: Uint8Array) => {
    const id = String.fromCharCode(...publicKey)
    let key = keys.get(id)
    if (!key) {
      key = subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify'])
      // Keys come from hostile bundles: the cache is bounded.
      if (keys.size >= 1024) keys.clear()
      keys.set(id, key)
    }
    return key
  }
  const verify: Ed25519VerifyAsync = async (signature, message, publicKey) => {
    if (!hasStrictEd25519Encoding(signature, publicKey)) return false
    try {
      return (
        (await subtle.verify({ name: 'Ed25519' }, await keyOf(publicKey), signature, message)) ===
        true
      )
    } catch {
      return false
    }
  }
  const supported = await verify(TEST_SIGNATURE, new Uint8Array(0), TEST_KEY)
  return supported ? verify : undefined
}

/** One call the optimistic verifier answered, and what the asynchronous verifier found. */
interface DeferredCheck {
  readonly message: Uint8Array
  readonly valid: Promise<boolean>
  settled?: boolean
}

/**
 * An asynchronous Ed25519 verifier used by code that calls a synchronous one (the verification
 * steps): `optimistic` answers every well-formed call `true` at once and starts the real check;
 * {@link DeferredEd25519.allValid} tells whether every one of them was. When they all were, each
 * answer given was the true one, so the work done on them stands. Otherwise `settled` gives the
 * checks' answers to a second run, and the synchronous `fallback` answers calls they did not see.
 */
export interface DeferredEd25519 {
  readonly optimistic: Ed25519Verify
  allValid(): Promise<boolean>
  readonly settled: Ed25519Verify
}

/** Creates a {@link DeferredEd25519} over an asynchronous verifier. */
export function createDeferredEd25519(
  verify: Ed25519VerifyAsync,
  fallback: Ed25519Verify = verifyEd25519,
): DeferredEd25519 {
  // By signature and key; the message is compared byte for byte.
  const checks = new Map<string, DeferredCheck[]>()
  const idOf = (signature: Uint8Array, publicKey: Uint8Array) =>
    String.fromCharCode(...signature, ...publicKey)
  const find = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) =>
    checks
      .get(idOf(signature, publicKey))
      ?.find(
        (c) => c.message.length === message.length && c.message.every((b, i) => b === message[i]),
      )
  return {
    optimistic(signature, message, publicKey) {
      if (signature.length !== 64 || publicKey.length !== 32) return false
      if (find(signature, message, publicKey)) return true
      const id = idOf(signature, publicKey)
      // Copies: the caller may reuse its buffers before the check reads them.
      const copy = message.slice()
      const check: DeferredCheck = {
        message: copy,
        valid: verify(signature.slice(), copy, publicKey.slice()),
      }
      checks.set(id, [...(checks.get(id) ?? []), check])
      return true
    },
    async allValid() {
      const all = [...checks.values()].flat()
      // A verifier that breaks its contract and rejects reads as a refusal, as a throwing one does.
      const answers = await Promise.all(
        all.map((c) =>
          c.valid.then(
            (v) => v === true,
            () => false,
          ),
        ),
      )
      all.forEach((c, i) => (c.settled = answers[i]))
      return answers.every(Boolean)
    },
    settled(signature, message, publicKey) {
      const seen = find(signature, message, publicKey)
      return seen?.settled ?? fallback(signature, message, publicKey)
    },
  }
}
