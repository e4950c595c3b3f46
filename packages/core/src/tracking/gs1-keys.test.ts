import { describe, expect, it } from 'vitest'
import { objectKeyOf } from './gs1-keys.js'

// Pairs published by GS1: the Tag Data Standard 2.1 worked examples (§6.3, EPC URI ↔ GS1 element
// string), and GS1's EPCIS 2.0 examples written both as EPC URNs and as Digital Links (9.6.3, 9.6.4).
describe('GS1 keys of EPCIS objects (TDS 2.1, GS1 Digital Link 1.2)', () => {
  it.each([
    [
      'urn:epc:id:sgtin:0614141.812345.6789',
      'https://id.gs1.org/01/80614141123458/21/6789',
      'sgtin',
    ],
    ['urn:epc:id:sscc:0614141.1234567890', 'https://id.gs1.org/00/106141412345678908', 'sscc'],
    ['urn:epc:id:sgln:0614141.12345.400', 'https://id.gs1.org/414/0614141123452/254/400', 'sgln'],
    ['urn:epc:id:sgln:0614141.12345.0', 'https://id.gs1.org/414/0614141123452', 'sgln'],
    ['urn:epc:id:grai:0614141.12345.400', 'https://id.gs1.org/8003/00614141123452400', 'grai'],
    ['urn:epc:id:giai:0614141.12345400', 'https://id.gs1.org/8004/061414112345400', 'giai'],
    ['urn:epc:id:gsrn:0614141.1234567890', 'https://id.gs1.org/8018/061414112345678902', 'gsrn'],
  ])('TDS 2.1 §6.3: %s is %s', (urn, link, scheme) => {
    expect(objectKeyOf(urn)).toEqual({ key: link, scheme, isClass: false })
    // The Digital Link form names the same object.
    expect(objectKeyOf(link)).toEqual({ key: link, scheme, isClass: false })
  })

  it.each([
    ['urn:epc:idpat:sgtin:4012345.098765.*', 'https://id.gs1.org/01/04012345987652', 'gtin'],
    [
      'urn:epc:class:lgtin:4012345.012345.998877',
      'https://id.gs1.org/01/04012345123456/10/998877',
      'lgtin',
    ],
    [
      'urn:epc:class:lgtin:0614141.077777.987',
      'https://id.gs1.org/01/00614141777778/10/987',
      'lgtin',
    ],
    ['urn:epc:idpat:sgtin:4012345.066666.*', 'https://id.gs1.org/01/04012345666663', 'gtin'],
  ])("GS1's EPCIS 2.0 examples (URN and Digital Link documents): %s is %s", (urn, link, scheme) => {
    expect(objectKeyOf(urn)).toEqual({ key: link, scheme, isClass: true })
    expect(objectKeyOf(link)).toEqual({ key: link, scheme, isClass: true })
  })

  it('GS1 Digital Link 1.2 §4.11: any domain, a GTIN-13 or a lot beside a serial name the canonical key', () => {
    expect(objectKeyOf('https://example.com/shop/01/4012345123456/21/ab%2Fc')).toEqual({
      key: 'https://id.gs1.org/01/04012345123456/21/ab%2Fc',
      scheme: 'sgtin',
      isClass: false,
    })
    expect(objectKeyOf('https://id.gs1.org/01/04012345123456/10/L1/21/7')).toMatchObject({
      key: 'https://id.gs1.org/01/04012345123456/21/7',
    })
    expect(objectKeyOf('urn:epc:id:sgtin:4012345.012345.ab%2Fc')).toMatchObject({
      key: 'https://id.gs1.org/01/04012345123456/21/ab%2Fc',
    })
  })

  it('refuses GS1 keys written wrongly: digit counts, a wrong check digit, a bad container number', () => {
    for (const bad of [
      'urn:epc:id:sgtin:0614141.11234.400', // 12 digits before the serial
      'urn:epc:id:sgtin:0614141.112345', // no serial
      'urn:epc:id:sscc:0614141.123456789', // 16 digits
      'urn:epc:id:sgln:06141x1.12345.0',
      'urn:epc:id:giai:0614.12345400', // company prefix under 6 digits
      'https://id.gs1.org/01/80614141123459/21/400', // check digit 9, GS1's is 8
      'urn:epc:id:bic:CSQU3054384', // ISO 6346 check digit 3, not 4
    ])
      expect(typeof objectKeyOf(bad), bad).toBe('string')
  })

  it('keeps other URIs as written: containers, wider patterns, places and web addresses', () => {
    expect(objectKeyOf('urn:epc:id:bic:CSQU3054383')).toEqual({
      key: 'urn:epc:id:bic:CSQU3054383',
      scheme: 'bic',
      isClass: false,
    })
    for (const uri of [
      'urn:epc:idpat:sgtin:4012345.*.*',
      'urn:epc:id:pgln:0614141.00000',
      'https://example.org/things/42',
      'urn:landsea:unlocode:CNQZH',
    ])
      expect(objectKeyOf(uri)).toEqual({ key: uri, scheme: 'uri', isClass: false })
  })
})
