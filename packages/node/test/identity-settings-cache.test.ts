import { expect, it } from 'vitest'
import { createSettingsCache } from '../src/identity/settings-cache.js'
import { describeEachNode } from './each-node.js'

describeEachNode('identity settings cache', (get) => {
  it("sees this process's own change at once, and another member's once the kept value is older than its age", async () => {
    const { node } = get()
    const key = 'test.settings-cache'
    await node.settings.set(key, { version: 1 })
    let clock = 0
    const cache = createSettingsCache({
      load: async () => (await node.settings.get<{ version: number }>(key))!,
      maxAgeMs: 1000,
      now: () => clock,
    })
    expect(await cache.read()).toEqual({ version: 1 })

    // Another cluster member writes: this process keeps its value for up to maxAgeMs…
    await node.settings.set(key, { version: 2 })
    clock = 999
    expect(await cache.read()).toEqual({ version: 1 })
    // …a read-modify-write starts from the stored value, whatever is kept…
    expect(await cache.fresh()).toEqual({ version: 2 })
    await node.settings.set(key, { version: 3 })
    clock = 1998
    expect(await cache.read()).toEqual({ version: 2 })
    // …and past maxAgeMs the stored value is read again.
    clock = 1999
    expect(await cache.read()).toEqual({ version: 3 })

    // This process's own write is seen at once.
    cache.wrote({ version: 4 })
    expect(await cache.read()).toEqual({ version: 4 })
  })

  it("the identity service's own settings change applies to its next read", async () => {
    const identity = get().node.identityService
    const before = await identity.settings()
    await identity.updateSettings({ requireVerifiedParties: !before.requireVerifiedParties })
    expect((await identity.settings()).requireVerifiedParties).toBe(!before.requireVerifiedParties)
    await identity.updateSettings({ requireVerifiedParties: before.requireVerifiedParties })
    expect(await identity.settings()).toEqual(before)
  })
})
