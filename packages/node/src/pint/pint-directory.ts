import {
  PintError,
  type PlatformKeys,
  type PlatformRecord,
  type PlatformStore,
} from '@landsea/core/pint'
import { PLATFORM_CODE, platformJwks, type PlatformIdentity } from './platform-identity.js'
import { validatePint } from './pint-schemas.js'

/** The platform directory: this node as a platform and the platforms it exchanges bills with. */
export interface PintDirectory {
  platform(): Promise<{ code: string; name: string; jwks: PlatformKeys }>
  addPlatform(input: Omit<PlatformRecord, 'createdAt'>): Promise<PlatformRecord>
  listPlatforms(): Promise<PlatformRecord[]>
  removePlatform(code: string): Promise<void>
  /** The public keys of a platform (this one included), to check the chain entries it signed. */
  keysOf(code: string): Promise<PlatformKeys | undefined>
}

export function createPintDirectory({
  identity,
  platforms,
  now,
}: {
  identity: () => Promise<PlatformIdentity>
  platforms: PlatformStore
  now: () => string
}): PintDirectory {
  return {
    async keysOf(code) {
      const me = await identity()
      if (code === me.code) return platformJwks(me)
      return (await platforms.get(code))?.jwks
    },
    async platform() {
      const me = await identity()
      return { code: me.code, name: me.name, jwks: platformJwks(me) }
    },
    async addPlatform(input) {
      const issues = []
      if (!PLATFORM_CODE.test(input.code))
        issues.push({
          path: '/code',
          code: 'FORMAT',
          message: 'a platform code is 1–4 characters without spaces',
        })
      if (!/^https?:\/\//.test(input.url))
        issues.push({ path: '/url', code: 'FORMAT', message: 'the PINT base URL is http(s)' })
      if (
        !Array.isArray(input.jwks?.keys) ||
        input.jwks.keys.length === 0 ||
        input.jwks.keys.some((k) => typeof k.kid !== 'string')
      )
        issues.push({
          path: '/jwks/keys',
          code: 'REQUIRED',
          message: 'at least one public key, each with its kid',
        })
      for (const [i, p] of (input.parties ?? []).entries()) {
        for (const issue of validatePint('IdentifyingCode', p))
          issues.push({ ...issue, path: `/parties/${i}${issue.path}` })
      }
      if (input.code === (await identity()).code)
        issues.push({ path: '/code', code: 'RULE', message: 'this is the code of this node' })
      if (issues.length > 0)
        throw new PintError('PINT_VALIDATION_FAILED', 'the platform is invalid', { issues })
      const existing = await platforms.get(input.code)
      const record: PlatformRecord = {
        ...input,
        parties: input.parties ?? [],
        createdAt: existing?.createdAt ?? now(),
      }
      await platforms.put(record)
      return record
    },
    listPlatforms: () => platforms.list(),
    async removePlatform(code) {
      if (!(await platforms.remove(code)))
        throw new PintError('PINT_UNKNOWN_PLATFORM', `no platform ${code}`)
    },
  }
}
