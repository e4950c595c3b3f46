import { beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson } from '../crypto/canonical-json.js'
import { initEd25519Verifier } from '../crypto/ed25519.js'
import { generateSigningKeyPair, type SigningAlgorithm } from '../crypto/signing-key.js'
import type { SignerIdentityEvidence } from '../identity/signer-identity.js'
import type { EblBundle } from './bundle.js'
import { buildSampleBundle, LOG_KEY, WITNESS_KEY } from './fixtures/sample-bundle.js'
import { withSampleIdentity } from './fixtures/sample-identity.js'
import { misplacedFlips } from './fixtures/tamper.js'
import type { VerificationStepName } from './verification-steps.js'
import { verifyBundle } from './verify-bundle.js'

let bundle: EblBundle
let identified: Awaited<ReturnType<typeof withSampleIdentity>>

beforeAll(async () => {
  await initEd25519Verifier()
  bundle = await buildSampleBundle({ count: 3 })
  identified = await withSampleIdentity(await buildSampleBundle({ count: 2 }))
})

const failing = (steps: readonly { name: string; status: string }[]) =>
  steps.filter((s) => s.status === 'fail').map((s) => s.name)

describe('verifyBundle', () => {
  it('exports the document in RFC 8785 member order, and verifies it in either order', async () => {
    expect(JSON.stringify(bundle.document)).toBe(canonicalJson(bundle.document))
    const reordered = {
      ...bundle,
      document: Object.fromEntries(Object.entries(bundle.document).reverse()),
    }
    expect(JSON.stringify(reordered.document)).not.toBe(canonicalJson(bundle.document))
    for (const input of [bundle, reordered, JSON.stringify(reordered)])
      expect((await verifyBundle(input)).ok).toBe(true)
    const changed = {
      ...bundle,
      document: { ...bundle.document, isToOrder: !bundle.document.isToOrder },
    }
    expect(JSON.stringify(changed.document)).not.toBe(canonicalJson(bundle.document))
    const result = await verifyBundle(JSON.stringify(changed))
    expect(result.firstFailure?.name).toBe('documentChecksum')
  })

  it('passes every step of a valid bundle and names the possessor and status', async () => {
    const result = await verifyBundle(JSON.stringify(bundle), {
      trustedLogKeys: [LOG_KEY],
      trustedWitnessKeys: [WITNESS_KEY],
    })
    expect(result.steps.map((s) => [s.name, s.status])).toEqual([
      ['format', 'pass'],
      ['documentChecksum', 'pass'],
      ['signatures', 'pass'],
      ['chainLinkage', 'pass'],
      ['titleRules', 'pass'],
      ['inclusion', 'pass'],
      ['checkpoint', 'pass'],
      ['witnesses', 'pass'],
      ['signerIdentity', 'pass'],
    ])
    expect(result.ok).toBe(true)
    expect(result.title).toEqual({
      status: 'ISSUED',
      possessor: 'org-bank',
      holder: 'org-bank',
      actions: 3,
    })
    expect(result.asOf).toMatchObject({
      origin: 'chongqing.landsea.example/log',
      cosignedBy: [{ name: 'singapore.landsea.example/witness' }],
    })
  })

  it('fails titleRules on a well-signed chain that breaks the title rules', async () => {
    const broken = await buildSampleBundle({
      steps: [
        ['ISSUE', 'org-carrier', 'org-shipper'],
        ['TRANSFER', 'org-consignee', 'org-bank'],
      ],
    })
    const result = await verifyBundle(broken)
    expect(result.firstFailure?.name).toBe('titleRules')
    expect(result.firstFailure?.reason).toContain('EBL_NOT_POSSESSOR')
    expect(result.title).toBeUndefined()
  })

  it('refuses an action signed by an organisation other than its actor', async () => {
    const forged = await buildSampleBundle({ count: 3, signedBy: { 1: 'org-bank' } })
    const result = await verifyBundle(forged)
    expect(result.firstFailure).toMatchObject({ name: 'signatures' })
    expect(result.firstFailure?.reason).toContain('action 1 is not signed by its actor')
  })

  it('verifies ES256 and SM2SM3 signers through the slow path', async () => {
    const mixed = await buildSampleBundle({ count: 5, es256: ['org-shipper'], sm2: ['org-bank'] })
    const result = await verifyBundle(mixed)
    expect(result.ok).toBe(true)
    expect(result.title?.possessor).toBe('org-consignee')
  })

  it('detects every flipped byte of a bundle at the step that covers it, without throwing', async () => {
    expect(await misplacedFlips(bundle)).toEqual([])
  }, 120_000)

  it('detects every flipped byte of a bundle that carries identity evidence', async () => {
    expect(await misplacedFlips(identified.bundle)).toEqual([])
  }, 240_000)

  it("checks the signers' identity evidence as the signerIdentity step", async () => {
    const { bundle: withIdentity, anchor } = identified
    const unpinned = await verifyBundle(withIdentity)
    expect(unpinned.ok).toBe(true)
    expect(unpinned.steps.at(-1)).toMatchObject({ name: 'signerIdentity', status: 'pass' })
    expect(unpinned.steps.at(-1)?.reason).toContain('not pinned')
    // The suites checked are named; a verifier that requires another suite refuses the evidence.
    const checked = /signatures checked: (.*)\)$/.exec(unpinned.steps.at(-1)!.reason)![1]!
    const used = checked.split(', ').map((part) => part.split(' ')[1] as SigningAlgorithm)
    expect(used.length).toBeGreaterThan(0)
    const others = (['EdDSA', 'ES256', 'SM2SM3'] as const).filter((alg) => !used.includes(alg))
    const strict = await verifyBundle(withIdentity, { identityAlgorithms: others })
    expect(failing(strict.steps)).toEqual(['signerIdentity'])
    const same = await verifyBundle(withIdentity, {
      identityAlgorithms: [...new Set(used)] as never,
    })
    expect(same.ok).toBe(true)
    expect(unpinned.signerIdentities?.map((i) => i.ok)).toEqual([true, true])
    const pinned = await verifyBundle(withIdentity, { identityAnchor: anchor })
    expect(pinned.steps.at(-1)?.reason).toContain('a pinned trust anchor')
    const { publicJwk } = await generateSigningKeyPair()
    const stranger = await verifyBundle(withIdentity, { identityAnchor: { ...anchor, publicJwk } })
    expect(stranger.firstFailure?.name).toBe('signerIdentity')
    expect((await verifyBundle(bundle)).steps.at(-1)?.reason).toContain('no identity evidence')

    const [first, second] = withIdentity.credentials as [
      SignerIdentityEvidence,
      SignerIdentityEvidence,
    ]
    const otherList = second.trust.lists[0]!.replace(/.$/, (c) => (c === 'A' ? 'Q' : 'A'))
    // The same key bytes under a lenient decoder: the last character's unused bits changed.
    const issuerDocument = JSON.stringify(second.didDocuments[1])
    const x = /"x":"([^"]+)"/.exec(issuerDocument)![1]!
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const lenientX = x.slice(0, -1) + alphabet[alphabet.indexOf(x.at(-1)!) ^ 1]
    const lenientDocument = JSON.parse(issuerDocument.replace(x, lenientX))
    const cases: [string, unknown[]][] = [
      ['not evidence', [first, second, { junk: true }]],
      ['a non-signer', [first, { ...second, organisationId: 'org-bank' }]],
      ['repeated', [first, second, first]],
      ['unknown member', [first, { ...second, note: 'x' }]],
      [
        'stray DID document',
        [first, { ...second, didDocuments: [...second.didDocuments, first.didDocuments[0]!] }],
      ],
      [
        'unverifiable list',
        [
          first,
          { ...second, trust: { ...second.trust, lists: [...second.trust.lists, otherList] } },
        ],
      ],
      ['stray status list', [first, { ...second, statusLists: { 'https://example.com/1': 'x' } }]],
      [
        'non-canonical key',
        [first, { ...second, didDocuments: [second.didDocuments[0]!, lenientDocument] }],
      ],
    ]
    for (const [label, credentials] of cases) {
      const result = await verifyBundle({ ...withIdentity, credentials })
      expect(failing(result.steps), label).toEqual(['signerIdentity'])
    }
    // Evidence for some signers only: named in the reason, not a failure.
    const partial = await verifyBundle({ ...withIdentity, credentials: [first] })
    expect(partial.ok).toBe(true)
    expect(partial.steps.at(-1)?.reason).toContain(`no evidence for ${second.organisationId}`)
  })

  it('reports structural tampering at the right step', async () => {
    const [a0, a1, a2] = bundle.actions as [
      EblBundle['actions'][0],
      EblBundle['actions'][0],
      EblBundle['actions'][0],
    ]
    const cases: [Partial<EblBundle>, VerificationStepName][] = [
      [{ actions: [a0, a2, a1] }, 'chainLinkage'],
      [{ actions: [a0, a2] }, 'chainLinkage'],
      [{ actions: [a1, a2] }, 'chainLinkage'],
      [{ actions: [a0, { ...a1, leafIndex: a2.leafIndex }, a2] }, 'inclusion'],
      [{ actions: [a0, { ...a1, inclusionProof: a2.inclusionProof }, a2] }, 'inclusion'],
      [{ witnessKeys: [] }, 'witnesses'],
      [{ witnessKeys: [WITNESS_KEY, WITNESS_KEY] }, 'witnesses'],
      [{ witnessKeys: [LOG_KEY] }, 'witnesses'],
      [{ logKey: WITNESS_KEY }, 'checkpoint'],
      [{ signers: [...bundle.signers, bundle.signers[0]!] }, 'signatures'],
      [{ signers: bundle.signers.slice(1) }, 'signatures'],
      [
        { document: { ...bundle.document, transportDocumentReference: 'FORGED' } },
        'documentChecksum',
      ],
      [{ credentials: 'x' as never }, 'format'],
      [{ format: 'landsea-ebl-bundle/v2' as never }, 'format'],
    ]
    for (const [change, step] of cases) {
      const result = await verifyBundle({ ...bundle, ...change })
      expect(result.ok).toBe(false)
      expect(failing(result.steps), JSON.stringify(Object.keys(change))).toContain(step)
    }
  })

  it('applies the verifier policy: pinned keys and quorum', async () => {
    const other = WITNESS_KEY.replace(/^singapore/, 'other')
    expect((await verifyBundle(bundle, { witnessQuorum: 2 })).firstFailure?.name).toBe('witnesses')
    expect((await verifyBundle(bundle, { trustedLogKeys: [] })).firstFailure?.name).toBe(
      'checkpoint',
    )
    expect((await verifyBundle(bundle, { trustedWitnessKeys: [other] })).firstFailure?.name).toBe(
      'witnesses',
    )
    expect((await verifyBundle(bundle, { witnessQuorum: 0, trustedWitnessKeys: [] })).ok).toBe(true)
  })

  it('answers hostile values with a failed format step, never an exception', async () => {
    const hostile: unknown[] = [
      undefined,
      null,
      42,
      '',
      '{',
      new Uint8Array([0xff]),
      [],
      { ...bundle, actions: [] },
      { ...bundle, actions: [{ jws: 1, leafIndex: 0, inclusionProof: [] }] },
      { ...bundle, actions: [{ ...bundle.actions[0], leafIndex: -1 }] },
      { ...bundle, actions: [{ ...bundle.actions[0], leafIndex: 2 ** 60 }] },
      { ...bundle, actions: [{ ...bundle.actions[0], inclusionProof: new Array(65).fill('') }] },
      { ...bundle, signers: [{ kid: 'x', publicJwk: { kty: 'oct', k: 'AA' } }] },
      {
        ...bundle,
        signers: [{ kid: 'x', publicJwk: { ...bundle.signers[0]!.publicJwk, d: 'secret' } }],
      },
      { ...bundle, extra: true },
    ]
    for (const value of hostile) {
      const result = await verifyBundle(value)
      expect(result.ok).toBe(false)
      expect(result.firstFailure?.name).toBe('format')
    }
  })
})
