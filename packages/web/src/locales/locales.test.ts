import { VERIFICATION_STEPS, CLAIM_STEPS, GREEN_PLEDGE_STEP } from '@landsea/core/verify'
import { describe, expect, it } from 'vitest'
import { en } from './en.js'
import { zh } from './zh.js'

type Tree = { readonly [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

const placeholders = (text: string) =>
  [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort()

// Proper names and codes that read the same in both languages.
const SAME_IN_BOTH = new Set(['map.laneDistance'])

describe('locales', () => {
  const english = flatten(en)
  const chinese = flatten(zh)

  it('have the same keys', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort())
  })

  it('name every step of the bundle verifier', () => {
    for (const step of [...VERIFICATION_STEPS, ...CLAIM_STEPS, GREEN_PLEDGE_STEP]) {
      expect(english.get(`verify.steps.${step}`), step).toBeDefined()
      expect(chinese.get(`verify.steps.${step}`), step).toBeDefined()
    }
  })

  it('have no empty strings', () => {
    for (const [key, value] of [...english, ...chinese]) expect(value.trim(), key).not.toBe('')
  })

  it('use the same placeholders in both languages', () => {
    for (const [key, value] of english)
      expect(placeholders(chinese.get(key) ?? ''), key).toEqual(placeholders(value))
  })

  it('are translated: every Chinese string but names and codes contains Chinese', () => {
    const untranslated = [...chinese]
      .filter(([key]) => !SAME_IN_BOTH.has(key) && key !== 'app.language.switchTo')
      .filter(([, value]) => !/[\u4e00-\u9fff]/.test(value))
      .map(([key]) => key)
    expect(untranslated).toEqual([])
  })

  it('offer the other language on the switch', () => {
    expect(en.app.language.switchTo).toBe('中文')
    expect(zh.app.language.switchTo).toBe('English')
  })
})
