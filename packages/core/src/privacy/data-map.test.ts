import { describe, expect, it } from 'vitest'
import { compilePersonalDataLocator, findPersonalData, minimisePayload } from './data-map.js'
import { none } from './field-decision.js'

// A two-schema OpenAPI fragment shaped like DCSA's: a party with an array of contact details.
const document = {
  components: {
    schemas: {
      Party: {
        properties: {
          partyName: { type: 'string' },
          partyContactDetails: { type: 'array', items: { $ref: '#/components/schemas/Contact' } },
        },
      },
      Contact: { properties: { name: {}, email: {}, role: {} } },
    },
  },
}
const decisions = {
  Party: none('partyName partyContactDetails'),
  Contact: {
    ...none('role'),
    name: { class: 'personal', category: 'contact' },
    email: { class: 'sensitive', category: 'whereabouts' },
  },
} as const

describe('the personal-data locator', () => {
  const locator = compilePersonalDataLocator(document, decisions)

  it('finds personal values wherever the container property appears', () => {
    const payload = {
      shipper: {
        partyName: 'Chongqing Rail Co',
        partyContactDetails: [{ name: 'Li Wei', role: 'ops' }],
      },
      notify: { partyContactDetails: [{ email: 'tan@example.sg' }] },
    }
    expect(findPersonalData(payload, locator)).toEqual([
      {
        path: '/shipper/partyContactDetails/0/name',
        category: 'contact',
        sensitive: false,
        value: 'Li Wei',
      },
      {
        path: '/notify/partyContactDetails/0/email',
        category: 'whereabouts',
        sensitive: true,
        value: 'tan@example.sg',
      },
    ])
  })

  it('minimises a copy and leaves the original intact', () => {
    const payload = { shipper: { partyContactDetails: [{ name: 'Li Wei', role: 'ops' }] } }
    const copy = minimisePayload(
      payload,
      findPersonalData(payload, locator),
      (v) => `h:${String(v).length}`,
    )
    expect(copy).toEqual({ shipper: { partyContactDetails: [{ name: 'h:6', role: 'ops' }] } })
    expect(payload.shipper.partyContactDetails[0]!.name).toBe('Li Wei')
  })

  it('a copy along the paths equals the deep copy and leaves the payload unchanged', () => {
    const text =
      '{"a":[{"b":{"name":"Li Wei","role":"ops"},"c":[1]},{"b":{"name":"Tan"}}],"__proto__":{"b":{"name":"X"}},"d":{"e":2}}'
    const paths = [{ path: '/a/0/b/name' }, { path: '/a/1/b/name' }, { path: '/__proto__/b/name' }]
    const payload = JSON.parse(text) as { a: unknown[]; d: unknown }
    const mark = (v: unknown, path: string) => `${path}:${String(v).length}`
    const deep = minimisePayload(payload, paths, mark)
    const along = minimisePayload(payload, paths, mark, { copy: 'paths' }) as typeof payload
    expect(JSON.stringify(along)).toBe(JSON.stringify(deep))
    expect(JSON.stringify(payload)).toBe(text)
    expect(Object.keys(along)).toContain('__proto__')
    expect(({} as Record<string, unknown>).b).toBeUndefined()
    // What no path goes through is shared, not copied.
    expect(along.d).toBe(payload.d)
    expect((along.a[0] as { c: unknown }).c).toBe((payload.a[0] as { c: unknown }).c)
    expect(along.a).not.toBe(payload.a)
  })

  it('copies JSON data deeply, `__proto__` keys as data, other objects by structured clone', () => {
    const payload = JSON.parse(
      '{"a":[{"b":{"name":"Li Wei"}}],"__proto__":{"polluted":true},"n":null}',
    ) as Record<string, unknown>
    const at = new Date(0)
    const copy = minimisePayload({ ...payload, at }, [{ path: '/a/0/b/name' }], () => 'x') as {
      a: [{ b: { name: string } }]
      at: Date
    }
    expect(copy.a[0].b.name).toBe('x')
    expect((payload.a as typeof copy.a)[0].b.name).toBe('Li Wei')
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.keys(copy)).toContain('__proto__')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(copy.at).toEqual(at)
    expect(copy.at).not.toBe(at)
  })
})
