import { describe, expect, it } from 'vitest'
import { listEpcisExamples } from './gs1-examples.js'
import { validateAgainst } from './validate-against.js'

const EPCIS = 'gs1-epcis-2.0#'
type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe('GS1 EPCIS 2.0 JSON Schema, loaded from the standard', () => {
  const examples = listEpcisExamples()
  const objectEvent = () =>
    structuredClone(
      examples.find((e) => e.name === 'Example_9.6.1-ObjectEvent.jsonld')!.value,
    ) as Json
  const refusal = (mutate: (d: Json) => void) => {
    const document = objectEvent()
    mutate(document)
    return validateAgainst(EPCIS, document).map((i) => `${i.path} ${i.code} ${i.schemaPath}`)
  }

  it("accepts every one of GS1's 47 example documents", () => {
    expect(examples).toHaveLength(47)
    for (const { name, value } of examples) expect(validateAgainst(EPCIS, value), name).toEqual([])
  })

  it('EPCIS 2.0 §7.4.2 ObjectEvent: action is required', () => {
    expect(refusal((d) => delete d.epcisBody.eventList[0].action)).toContain(
      '/epcisBody/eventList/0/action SCHEMA_REQUIRED gs1-epcis-2.0#/definitions/ObjectEvent/allOf/1/required',
    )
  })

  it('EPCIS 2.0 action: ADD, OBSERVE or DELETE', () => {
    expect(refusal((d) => (d.epcisBody.eventList[0].action = 'MOVE'))).toContain(
      '/epcisBody/eventList/0/action SCHEMA_ENUM gs1-epcis-2.0#/definitions/action/enum',
    )
  })

  it('EPCIS 2.0 §7.4.1 Event: eventTimeZoneOffset is required', () => {
    expect(refusal((d) => delete d.epcisBody.eventList[0].eventTimeZoneOffset)).toContain(
      '/epcisBody/eventList/0/eventTimeZoneOffset SCHEMA_REQUIRED gs1-epcis-2.0#/definitions/Event/required',
    )
  })

  it('EPCIS 2.0 EPCISDocument: schemaVersion and creationDate are required', () => {
    const issues = refusal((d) => {
      delete d.schemaVersion
      delete d.creationDate
    })
    expect(issues).toEqual(
      expect.arrayContaining([
        '/schemaVersion SCHEMA_REQUIRED gs1-epcis-2.0#/definitions/epcisDocument/required',
        '/creationDate SCHEMA_REQUIRED gs1-epcis-2.0#/definitions/epcisDocument/required',
      ]),
    )
  })

  it('EPCIS 2.0 event types: an unknown type that is not a URI extension is refused', () => {
    expect(refusal((d) => (d.epcisBody.eventList[0].type = 'StuffingEvent'))).toContain(
      '/epcisBody/eventList/0/type SCHEMA_FORMAT gs1-epcis-2.0#/definitions/vocab-uri/format',
    )
  })
})
