import { randomBytes } from 'node:crypto'
import { ed25519PublicKey, initEd25519Verifier, portableBase64 } from '@landsea/core/crypto'
import {
  verifyBundle,
  type BundleVerification,
  type VerifyBundleOptions,
} from '@landsea/core/verify'
import type { SigningAlgorithm } from '@landsea/core/crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { EblBundle } from '../../core/src/verify/bundle.js'
import { buildSampleBundle } from '../../core/src/verify/fixtures/sample-bundle.js'
import { withSampleIdentity } from '../../core/src/verify/fixtures/sample-identity.js'
import { byteFlips } from '../../core/src/verify/fixtures/tamper.js'
import { NATIVE_VERIFY_PRIMITIVES, nodeEd25519PublicKey, nodeGunzip } from '../src/crypto/index.js'
import { fromBase64, fromBase64Url, toBase64, toBase64Url } from '@landsea/core/crypto'
import {
  createStatusBitstring,
  createStatusListDecoder,
  decodeStatusList,
  encodeStatusList,
  setStatusBit,
} from '@landsea/core/identity'

// The fast paths (native SHA-256, native Ed25519, native base64, a session that checks each
// distinct signature once) against the reference paths, on the every-byte tamper suite.

const NATIVE: VerifyBundleOptions = NATIVE_VERIFY_PRIMITIVES
const outcome = (result: BundleVerification) =>
  result.steps.map((step) => `${step.name}:${step.status}`).join(' ')

let plain: EblBundle
let identified: EblBundle
let dual: EblBundle

beforeAll(async () => {
  await initEd25519Verifier()
  plain = await buildSampleBundle({ count: 3 })
  identified = (await withSampleIdentity(await buildSampleBundle({ count: 2 }))).bundle
  dual = (await withSampleIdentity(await buildSampleBundle({ count: 1 }), { dual: true })).bundle
})

describe('the fast verification paths agree with the reference paths', () => {
  it('OpenSSL derives the Ed25519 public key of a seed as the pure-JS path does', () => {
    for (let i = 0; i < 50; i++) {
      const seed = new Uint8Array(randomBytes(32))
      expect(nodeEd25519PublicKey(seed)).toEqual(ed25519PublicKey(seed))
    }
  })

  it('native base64 decodes exactly what the portable decoder decodes', () => {
    const texts = ['', 'AA', 'AA==', 'AB==', 'AAA=', 'AAB=', 'A===', 'AAAA', '====', 'AA=A']
    const bytes = new TextEncoder().encode(JSON.stringify(identified))
    // Lengths on both sides of the length below which the decoder takes the portable loop.
    for (let i = 0; i < 400; i++) {
      const slice = bytes.subarray(i, i + ((i * 7) % 181))
      texts.push(portableBase64.toBase64(slice), portableBase64.toBase64Url(slice))
      const text = portableBase64.toBase64(slice)
      for (const c of ['-', '_', '+', '/', '=', ' ', '\n', 'é']) {
        texts.push(text.slice(0, i % (text.length + 1)) + c + text.slice(i % (text.length + 1)))
      }
      expect(toBase64(slice)).toBe(portableBase64.toBase64(slice))
      expect(toBase64Url(slice)).toBe(portableBase64.toBase64Url(slice))
    }
    // Every last character of long texts: only those with zero trailing bits decode.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_'
    for (const n of [121, 122, 150, 151]) {
      const standard = portableBase64.toBase64(bytes.subarray(0, n))
      const urlSafe = portableBase64.toBase64Url(bytes.subarray(0, n))
      const at = standard.replace(/=+$/, '').length - 1
      for (const c of alphabet) {
        texts.push(standard.slice(0, at) + c + standard.slice(at + 1))
        texts.push(urlSafe.slice(0, -1) + c)
      }
    }
    for (const text of texts) {
      expect(fromBase64(text), text).toEqual(portableBase64.fromBase64(text))
      expect(fromBase64Url(text), text).toEqual(portableBase64.fromBase64Url(text))
    }
  })

  it('zlib decodes exactly the status lists DecompressionStream decodes, and refuses the same', async () => {
    const bits = createStatusBitstring()
    for (const index of [3, 4099, 77777]) setStatusBit(bits, index, true)
    const gzip = fromBase64Url((await encodeStatusList(bits)).slice(1))!
    const other = fromBase64Url((await encodeStatusList(createStatusBitstring(8))).slice(1))!
    const inputs: Uint8Array[] = [gzip, gzip.subarray(0, 10), gzip.subarray(0, gzip.length - 1)]
    inputs.push(new Uint8Array([...gzip, ...other]), new Uint8Array([...gzip, 0, 1, 2]))
    for (let i = 0; i < gzip.length; i++) {
      const flipped = gzip.slice()
      flipped[i] = flipped[i]! ^ (i % 2 === 0 ? 0x01 : 0x80)
      inputs.push(flipped)
    }
    const settle = (p: Promise<Uint8Array>) =>
      p.then(
        (bytes) => toBase64(bytes),
        (error: { code?: string }) => `refused ${error.code}`,
      )
    const fast = createStatusListDecoder(nodeGunzip)
    const verdicts = new Set<string>()
    for (const input of inputs) {
      const text = `u${toBase64Url(input)}`
      const reference = await settle(decodeStatusList(text))
      expect(await settle(fast(text)), `${input.length} bytes`).toBe(reference)
      verdicts.add(reference.startsWith('refused') ? reference : 'decoded')
    }
    expect(verdicts).toEqual(new Set(['decoded', 'refused IDENTITY_MALFORMED']))
  })

  it('native SHA-256 and Ed25519 (the CLI) and libsodium wasm (the page) give the same verdict, step by step, on every flipped byte', async () => {
    const disagreements: string[] = []
    for (const bundle of [plain, identified]) {
      for (const { index, mask, bytes } of byteFlips(bundle)) {
        // Both masks at every byte run in core's own tamper tests; one here keeps this short.
        if (mask !== 0x01) continue
        const reference = outcome(await verifyBundle(bytes))
        const fast = outcome(await verifyBundle(bytes, NATIVE))
        if (reference !== fast)
          disagreements.push(`byte ${index} ^ ${mask}: ${reference} / ${fast}`)
      }
    }
    expect(disagreements).toEqual([])
  }, 600_000)

  it('a dual-signed bundle: each suite policy checks its suites, names the ones it skipped, and agrees with checking every signature on every flip of what it checks', async () => {
    const policies: [string, readonly SigningAlgorithm[] | undefined][] = [
      ['every signature', undefined],
      ['Singapore: EdDSA, ES256', ['EdDSA', 'ES256']],
      ['China: SM2SM3, ES256', ['SM2SM3', 'ES256']],
    ]
    const options = (algorithms: readonly SigningAlgorithm[] | undefined) => ({
      ...NATIVE,
      ...(algorithms ? { identityAlgorithms: algorithms } : {}),
    })
    const reasons = []
    for (const [, algorithms] of policies) {
      const result = await verifyBundle(dual, options(algorithms))
      expect(result.ok).toBe(true)
      reasons.push(result.steps.at(-1)!.reason)
    }
    expect(reasons[0]).toMatch(/signatures checked: .*2 SM2SM3.*2 EdDSA|2 EdDSA.*2 SM2SM3/)
    expect(reasons[0]).not.toContain('not checked')
    expect(reasons[1]).toContain('not checked, outside the suites required: 2 SM2SM3')
    expect(reasons[1]).not.toMatch(/checked: [^;]*SM2SM3/)
    expect(reasons[2]).toContain('not checked, outside the suites required: 2 EdDSA')

    // Which bytes belong to one suite's half of a dual signature: its signature entries, proofs
    // and keys. A verifier that skips the suite need not notice a change there; anywhere else it
    // must, as a verifier that checks everything does.
    const text = JSON.stringify(dual)
    const evidence = dual.credentials[0] as {
      credential: string
      trust: { lists: string[] }
      didDocuments: { verificationMethod: { publicKeyJwk: object }[] }[]
      anchor: { publicJwk: object; companionJwk: object }
    }
    const halves: Record<string, string[]> = { SM2SM3: [], EdDSA: [] }
    const list = JSON.parse(evidence.trust.lists[0]!) as {
      signatures: { protected: string; signature: string }[]
    }
    list.signatures.forEach((s, i) => halves[i === 0 ? 'SM2SM3' : 'EdDSA']!.push(JSON.stringify(s)))
    const proofs = (JSON.parse(evidence.credential) as { proof: object[] }).proof
    proofs.forEach((p, i) => halves[i === 0 ? 'SM2SM3' : 'EdDSA']!.push(JSON.stringify(p)))
    const issuerKeys = evidence.didDocuments[1]!.verificationMethod
    issuerKeys.forEach((m, i) => halves[i === 0 ? 'SM2SM3' : 'EdDSA']!.push(JSON.stringify(m)))
    halves.SM2SM3!.push(JSON.stringify(evidence.anchor.publicJwk))
    halves.EdDSA!.push(JSON.stringify(evidence.anchor.companionJwk))
    // Ranges are found in the text and used on bytes (the legal names are Chinese).
    const at = (index: number) => new TextEncoder().encode(text.slice(0, index)).length
    const ranges = (alg: string) =>
      halves[alg]!.flatMap((part) => {
        // A part stands in the bundle as itself or, inside a JSON string, escaped.
        const found = [part, JSON.stringify(part).slice(1, -1)]
          .map((form) => ({ from: text.indexOf(form), length: form.length }))
          .filter((r) => r.from >= 0)
        expect(found.length, part).toBeGreaterThan(0)
        return found.map((r) => [at(r.from), at(r.from + r.length)] as const)
      })
    const skippedBy = { 1: ranges('SM2SM3'), 2: ranges('EdDSA') } as Record<
      number,
      (readonly [number, number])[]
    >
    const from = at(text.indexOf('"credentials":'))
    const problems: string[] = []
    let skippedSeen = 0
    for (const { index, mask, bytes } of byteFlips(dual)) {
      // The credentials; one mask keeps it short.
      if (index < from || mask !== 0x01) continue
      const verdicts = []
      for (const [, algorithms] of policies) {
        verdicts.push((await verifyBundle(bytes, options(algorithms))).ok)
      }
      const where = `byte ${index}`
      if (verdicts[0]) problems.push(`${where}: passes when every signature is checked`)
      for (const p of [1, 2]) {
        const skipped = skippedBy[p]!.some(([a, b]) => index >= a && index < b)
        if (skipped && verdicts[p]) skippedSeen++
        if (verdicts[p] && !skipped) problems.push(`${where}: ${policies[p]![0]} missed it`)
      }
    }
    expect(problems).toEqual([])
    // The skipped halves are real: changes there pass a verifier that does not check them.
    expect(skippedSeen).toBeGreaterThan(0)
  }, 600_000)
})
