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
})
