import { generateSigningKeyPair, type SigningKeyPair } from '@landsea/core/crypto'
import { publicPlatformJwk, type PlatformKeys } from '@landsea/core/pint'
import type { NodeSettingsStore } from '@landsea/core/settings'

/** This node as a PINT platform: its DCSA code, name and signing keys (the last one signs). */
export interface PlatformIdentity {
  readonly code: string
  readonly name: string
  readonly keys: readonly SigningKeyPair[]
}

const SETTING = 'pint-platform'

/** A platform code: 4 characters without spaces, as PINT's `eblPlatform` (maxLength 4, `^\S+$`). */
export const PLATFORM_CODE = /^\S{1,4}$/

/**
 * Loads this node's platform identity, creating its Ed25519 key the first time; `code` (from
 * `--platform-code`) replaces the stored code.
 */
export function platformIdentityOf(
  settings: NodeSettingsStore,
  { code, name }: { code?: string; name: string },
): () => Promise<PlatformIdentity> {
  let loading: Promise<PlatformIdentity> | undefined
  const load = async (): Promise<PlatformIdentity> => {
    // The first key is created once, whichever cluster member asks first (the first write wins).
    const stored = await settings.initialise<PlatformIdentity>(SETTING, async () => ({
      code: code ?? 'LSEA',
      name,
      keys: [await generateSigningKeyPair({ alg: 'EdDSA' })],
    }))
    const identity: PlatformIdentity = {
      code: code ?? stored.code,
      name: stored.name,
      keys: stored.keys.length ? stored.keys : [await generateSigningKeyPair({ alg: 'EdDSA' })],
    }
    if (stored.code !== identity.code || stored.keys !== identity.keys)
      await settings.set(SETTING, identity)
    return identity
  }
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw error
    })
    return loading
  }
}

/** The signing key of a platform identity. */
export const activeKey = (p: PlatformIdentity): SigningKeyPair => p.keys.at(-1)!

/** The JWKS a platform publishes: every key, so entries signed before a rotation still verify. */
export const platformJwks = (p: PlatformIdentity): PlatformKeys => ({
  keys: p.keys.map(publicPlatformJwk),
})
