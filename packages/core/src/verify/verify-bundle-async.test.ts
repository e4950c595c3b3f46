import { beforeAll, describe, expect, it } from 'vitest'
import { createWebCryptoEd25519Verifier, type Ed25519VerifyAsync } from '../crypto/ed25519-async.js'
import type { EblBundle } from './bundle.js'
import { buildSampleBundle, LOG_KEY, WITNESS_KEY } from './fixtures/sample-bundle.js'
import { withSampleIdentity } from './fixtures/sample-identity.js'
import { misplacedFlips } from './fixtures/tamper.js'
import { verifyBundle } from './verify-bundle.js'

// verifyBundle with an asynchronous Ed25519 (WebCrypto, as the dashboard's verify page uses it):
// the same verdicts, step by step, as with the synchronous verifiers.
let bundle: EblBundle
let identified: EblBundle
let ed25519Async: Ed25519VerifyAsync

beforeAll(async () => {
  ed25519Async = (await createWebCryptoEd25519Verifier())!
  bundle = await buildSampleBundle({ count: 3 })
  identified = (await withSampleIdentity(await buildSampleBundle({ count: 2 }))).bundle
})

describe('verifyBundle with an asynchronous Ed25519', () => {
  it('gives the synchronous verdict on a valid bundle and on forged signatures', async () => {
    const policy = { trustedLogKeys: [LOG_KEY], trustedWitnessKeys: [WITNESS_KEY] }
    const valid = await verifyBundle(JSON.stringify(identified), { ...policy, ed25519Async })
    expect(valid.ok).toBe(true)
    expect(valid).toEqual(await verifyBundle(JSON.stringify(identified), policy))
    // The last action's signature and the checkpoint's, each with one character changed.
    const jws = identified.actions.at(-1)!.jws
    const forged = [
      {
        ...identified,
        actions: [
          ...identified.actions.slice(0, -1),
          {
            ...identified.actions.at(-1)!,
            jws: jws.slice(0, -2) + (jws.at(-2) === 'A' ? 'B' : 'A') + jws.at(-1),
          },
        ],
      },
      {
        ...identified,
        checkpoint: identified.checkpoint.replace(
          /— (\S+) (\S)/,
          (_, name: string, c: string) => `— ${name} ${c === 'A' ? 'B' : 'A'}`,
        ),
      },
    ]
    for (const tampered of forged) {
      const text = JSON.stringify(tampered)
      const async = await verifyBundle(text, { ...policy, ed25519Async })
      expect(async.ok).toBe(false)
      expect(async).toEqual(await verifyBundle(text, policy))
    }
  })

  it('notices every flipped byte of a bundle in the step covering it', async () => {
    expect(await misplacedFlips(bundle, { ed25519Async })).toEqual([])
  }, 240_000)
})
