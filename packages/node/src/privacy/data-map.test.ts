import { DATA_MAP, MAPPED_STANDARDS, schemasOf } from '@landsea/core/privacy'
import { loadStandardDocument } from '@landsea/standards'
import { describe, expect, it } from 'vitest'
import { standardsPersonalDataLocator } from './personal-data.js'

function propertiesOf(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return []
  const s = schema as Record<string, unknown>
  const own = Object.keys((s.properties ?? {}) as object)
  const parts = [s.allOf, s.oneOf, s.anyOf].flatMap((list) =>
    Array.isArray(list) ? list.flatMap(propertiesOf) : [],
  )
  return [...new Set([...own, ...parts])]
}

describe('the data map', () => {
  for (const id of MAPPED_STANDARDS) {
    it(`has a decision for every property of every schema of ${id}, and no stale ones`, () => {
      const undecided: string[] = []
      const stale: string[] = []
      const schemas = schemasOf(loadStandardDocument(id))
      const decisions = DATA_MAP[id] as Record<string, Record<string, unknown>>
      for (const [name, schema] of Object.entries(schemas)) {
        const properties = propertiesOf(schema)
        for (const property of properties) {
          if (decisions[name]?.[property] === undefined) undecided.push(`${name}.${property}`)
        }
        for (const property of Object.keys(decisions[name] ?? {})) {
          if (!properties.includes(property)) stale.push(`${name}.${property}`)
        }
      }
      for (const name of Object.keys(decisions)) if (!(name in schemas)) stale.push(name)
      expect({ undecided, stale }).toEqual({ undecided: [], stale: [] })
    })
  }

  it('locates the contact details of every DCSA party and the dangerous goods emergency contact', () => {
    const locator = standardsPersonalDataLocator()
    expect(
      locator
        .get('partyContactDetails')
        ?.map((f) => f.field)
        .sort(),
    ).toEqual(['email', 'name', 'phone'])
    expect(
      locator
        .get('emergencyContactDetails')
        ?.map((f) => f.field)
        .sort(),
    ).toEqual(['contact', 'phone'])
  })
})
