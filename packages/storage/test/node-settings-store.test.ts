import type { NodeSettingsStore } from '@landsea/core/settings'
import { beforeAll, expect, it } from 'vitest'
import { createNodeSettingsStore } from '../src/index.js'
import { describeEachDatabase } from './databases.js'

describeEachDatabase('node settings store', (getDb) => {
  let settings: NodeSettingsStore

  beforeAll(() => {
    settings = createNodeSettingsStore(getDb().db)
  })

  it('initialises a setting once: racing creators all get the value stored first', async () => {
    // Each creator yields before answering, so every caller has read "absent" before any writes.
    const creators = Array.from({ length: 8 }, (_, i) => async () => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      return { key: `candidate-${i}` }
    })
    const results = await Promise.all(
      creators.map((create) => settings.initialise('race.key', create)),
    )
    const stored = await settings.get<{ key: string }>('race.key')
    expect(stored?.key).toMatch(/^candidate-\d$/)
    expect(results).toEqual(results.map(() => stored))
  })

  it('leaves an existing setting alone and never calls the creator for it', async () => {
    await settings.set('kept.key', 'first')
    let called = false
    const value = await settings.initialise('kept.key', () => {
      called = true
      return 'second'
    })
    expect(value).toBe('first')
    expect(called).toBe(false)
  })
})
