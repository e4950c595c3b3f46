import { beforeAll, describe, expect, it } from 'vitest'
import { initEd25519Verifier } from '../crypto/ed25519.js'
import { createJwsVerifierSession } from '../crypto/jws-verifier.js'
import { buildSampleBundle } from './fixtures/sample-bundle.js'
import { withSampleIdentity } from './fixtures/sample-identity.js'
import { checkSignerIdentity } from './identity-checks.js'
import { createVerificationMemo, type VerificationMemo } from './verification-memo.js'
import type { EblBundle } from './bundle.js'

let dual: EblBundle

beforeAll(async () => {
  await initEd25519Verifier()
  dual = (await withSampleIdentity(await buildSampleBundle({ count: 2 }), { dual: true })).bundle
})

// One bundle's signerIdentity step, as verifyBundle runs it for each bundle it nests.
const stepOf = (bundle: EblBundle, memo: VerificationMemo, algorithms?: readonly string[]) =>
  checkSignerIdentity(
    bundle,
    undefined,
    createJwsVerifierSession({ answers: memo.jws, ...(algorithms ? { algorithms } : {}) }),
    {},
    memo,
  )

describe('checkSignerIdentity with a memo shared by the bundles of one verification', () => {
  it('reports in each bundle the signatures its evidence rests on, as a fresh verification does', async () => {
    for (const algorithms of [undefined, ['EdDSA', 'ES256']]) {
      const alone = await stepOf(dual, createVerificationMemo(), algorithms)
      expect(alone.result.status).toBe('pass')
      expect(alone.result.reason).toMatch(/signatures checked: \d+ \w+/)
      const memo = createVerificationMemo({ jsonData: true })
      const first = await stepOf(dual, memo, algorithms)
      // The second bundle's answers all come from the memo: the trust list, the proofs, the
      // status list; its own step still counts every signature they rest on.
      const again = await stepOf(JSON.parse(JSON.stringify(dual)) as EblBundle, memo, algorithms)
      expect(first.result).toEqual(alone.result)
      expect(again.result).toEqual(alone.result)
      expect(again.identities).toEqual(alone.identities)
    }
  })

  it('keeps a failed trust list failed for every bundle that shows it', async () => {
    const memo = createVerificationMemo({ jsonData: true })
    expect((await stepOf(dual, memo)).result.status).toBe('pass')
    const evidence = dual.credentials as { trust: { lists: string[] } }[]
    const broken = evidence.map((e) => ({
      ...e,
      trust: {
        ...e.trust,
        lists: e.trust.lists.map((list) =>
          list.replace(
            /"signature":"(.)/,
            (_, c: string) => `"signature":"${c === 'A' ? 'B' : 'A'}`,
          ),
        ),
      },
    }))
    const tampered = { ...dual, credentials: broken }
    // The reason names the time of the decision.
    const reasonOf = async (memo: VerificationMemo) =>
      (await stepOf(tampered, memo)).result.reason.replace(/ at \S+Z$/, '')
    const alone = await reasonOf(createVerificationMemo())
    expect(alone).toContain('IDENTITY_ISSUER_NOT_TRUSTED')
    expect(await reasonOf(memo)).toBe(alone)
    expect(await reasonOf(memo)).toBe(alone)
  })
})
