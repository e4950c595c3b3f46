import gs1CheckDigit from '@ollah666/checkdigitcalculator'
import { DigitalLink } from 'digital-link.js'
import { isValidContainerNumber } from './iso6346.js'

/** The kinds of object an EPCIS event names, by the GS1 key (or other scheme) that identifies it. */
export type ObjectScheme =
  'sgtin' | 'lgtin' | 'gtin' | 'sscc' | 'sgln' | 'grai' | 'giai' | 'gsrn' | 'gs1' | 'bic' | 'uri'

/** An object an EPCIS event names, as the node files its events. */
export interface ObjectKey {
  /**
   * The key events are filed under: the canonical GS1 Digital Link URI (`https://id.gs1.org/…`)
   * of a GS1 key, whichever form named it (EPC URN or Digital Link on any domain); the EPC URN of
   * a container (`urn:epc:id:bic:…`, a container number beside our shipments); otherwise the URI
   * as written (EPCIS allows any URI).
   */
  readonly key: string
  readonly scheme: ObjectScheme
  /** True for a class of objects (a GTIN, a GTIN and lot), false for one instance. */
  readonly isClass: boolean
}

/** GS1's resolver: the domain of canonical Digital Link URIs (GS1 Digital Link 1.2 §4.11). */
export const GS1_CANONICAL_DOMAIN = 'https://id.gs1.org'

const digits = (s: string) => /^\d+$/.test(s)
const dl = (path: string) => `${GS1_CANONICAL_DOMAIN}/${path}`

/** A GS1 key's digits followed by its mod-10 check digit (GS1 General Specifications §7.9.1). */
function withCheckDigit(body: string): string {
  return `${body}${gs1CheckDigit(body)}`
}

// TDS 2.1 §6.3: EPC URN parts are URN-escaped; a Digital Link path segment is percent-encoded.
function segment(urnPart: string): string | undefined {
  try {
    const value = decodeURIComponent(urnPart)
    return value.length > 0 ? encodeURIComponent(value) : undefined
  } catch {
    return undefined
  }
}

/** GS1 company prefix and the reference after it: 6–12 digits, digits, `total` digits in all. */
function prefixAndReference(cp: string, ref: string, total: number): boolean {
  return (
    digits(cp) &&
    cp.length >= 6 &&
    cp.length <= 12 &&
    digits(ref) &&
    cp.length + ref.length === total
  )
}

/**
 * EPC pure identity and class URNs (GS1 Tag Data Standard 2.1 §6.3 and §6.4) of the GS1 keys
 * EPCIS events carry, translated to GS1 Digital Link (TDS §7, "EPC URI to GS1 Digital Link").
 * A GTIN's indicator digit leads its item reference in the URN and the GTIN-14.
 */
function fromEpcUrn(kind: string, scheme: string, body: string): ObjectKey | string | undefined {
  const parts = body.split('.')
  const [cp = '', ref = '', tail = ''] = parts
  const gtin = () => withCheckDigit(`${ref[0]}${cp}${ref.slice(1)}`)
  const wrong = `urn:epc:${kind}:${scheme} needs ${scheme === 'sscc' || scheme === 'gsrn' ? 'CompanyPrefix.Reference' : 'CompanyPrefix.Reference.Serial'} with 13 (SSCC, GSRN: 17; SGLN, GRAI: 12) digits before the serial`
  switch (`${kind}:${scheme}`) {
    case 'id:sgtin':
    case 'class:lgtin': {
      const value = segment(tail)
      if (parts.length !== 3 || !prefixAndReference(cp, ref, 13) || value === undefined)
        return wrong
      return kind === 'id'
        ? { key: dl(`01/${gtin()}/21/${value}`), scheme: 'sgtin', isClass: false }
        : { key: dl(`01/${gtin()}/10/${value}`), scheme: 'lgtin', isClass: true }
    }
    case 'idpat:sgtin':
      // A pattern of every serial of one GTIN is the GTIN's class; wider patterns stay URIs.
      if (parts.length !== 3 || tail !== '*' || !prefixAndReference(cp, ref, 13)) return undefined
      return { key: dl(`01/${gtin()}`), scheme: 'gtin', isClass: true }
    case 'id:sscc':
      if (parts.length !== 2 || !prefixAndReference(cp, ref, 17)) return wrong
      return {
        key: dl(`00/${withCheckDigit(`${ref[0]}${cp}${ref.slice(1)}`)}`),
        scheme: 'sscc',
        isClass: false,
      }
    case 'id:gsrn':
      if (parts.length !== 2 || !prefixAndReference(cp, ref, 17)) return wrong
      return { key: dl(`8018/${withCheckDigit(`${cp}${ref}`)}`), scheme: 'gsrn', isClass: false }
    case 'id:sgln': {
      const ext = segment(tail)
      if (parts.length !== 3 || !prefixAndReference(cp, ref, 12) || ext === undefined) return wrong
      const gln = withCheckDigit(`${cp}${ref}`)
      return {
        key: dl(ext === '0' ? `414/${gln}` : `414/${gln}/254/${ext}`),
        scheme: 'sgln',
        isClass: false,
      }
    }
    case 'id:grai': {
      const serial = segment(tail)
      if (parts.length !== 3 || !prefixAndReference(cp, ref, 12) || serial === undefined)
        return wrong
      return {
        key: dl(`8003/${withCheckDigit(`0${cp}${ref}`)}${serial}`),
        scheme: 'grai',
        isClass: false,
      }
    }
    case 'id:giai': {
      const asset = segment(ref)
      if (
        parts.length !== 2 ||
        !digits(cp) ||
        cp.length < 6 ||
        cp.length > 12 ||
        asset === undefined
      )
        return wrong
      return { key: dl(`8004/${cp}${asset}`), scheme: 'giai', isClass: false }
    }
    case 'id:bic':
      if (!isValidContainerNumber(body))
        return `urn:epc:id:bic:${body} is not an ISO 6346 container number`
      return { key: `urn:epc:id:bic:${body}`, scheme: 'bic', isClass: false }
    default:
      return undefined
  }
}

// GS1 keys whose last (or 13th, 14th) digit is a check digit (GS1 General Specifications §3).
const HAS_CHECK_DIGIT = new Set(['00', '01', '253', '255', '402', '414', '8003', '8018'])

const SCHEME_OF_AI: Readonly<Record<string, ObjectScheme>> = {
  '00': 'sscc',
  '414': 'sgln',
  '8003': 'grai',
  '8004': 'giai',
  '8018': 'gsrn',
}

/**
 * A GS1 Digital Link URI on any domain (GS1 Digital Link 1.2 §4), checked by GS1's grammar and
 * the key's check digit (digital-link.js), and written on GS1's canonical domain. For an instance
 * of a trade item the serial is kept and a lot beside it dropped: the SGTIN has no lot (TDS §6.3.1).
 */
function fromDigitalLink(uri: string): ObjectKey | string | undefined {
  let link: ReturnType<typeof DigitalLink>
  try {
    link = DigitalLink(uri)
  } catch {
    return undefined // no GS1 primary key in the path: a plain web URI
  }
  const [[ai, value] = ['', '']] = Object.entries(link.getIdentifier())
  // isValid() is GS1's grammar and the check digit; it also refuses keys that have no check
  // digit (a GIAI), so for those the grammar alone decides.
  const isValid = link.isValid() || (!HAS_CHECK_DIGIT.has(ai) && link.getValidationTrace().success)
  if (!isValid) return `${uri} is not a valid GS1 Digital Link (grammar or check digit)`
  const qualifiers = link.getKeyQualifiers()
  const order = link.getKeyQualifiersOrder()
  if (ai === '01') {
    const serial = qualifiers['21']
    if (serial !== undefined)
      return { key: dl(`01/${value}/21/${serial}`), scheme: 'sgtin', isClass: false }
    const path = order.map((q) => `/${q}/${qualifiers[q]}`).join('')
    const scheme = qualifiers['10'] !== undefined ? 'lgtin' : 'gtin'
    return { key: dl(`01/${value}${path}`), scheme, isClass: true }
  }
  const path = order.map((q) => `/${q}/${qualifiers[q]}`).join('')
  return { key: dl(`${ai}/${value}${path}`), scheme: SCHEME_OF_AI[ai] ?? 'gs1', isClass: false }
}

/**
 * The object an EPC URI names, as the node files its events, or why the URI is refused (a GS1
 * key written wrongly). Input is hostile: this never throws.
 *
 * @example objectKeyOf('urn:epc:id:sscc:0614141.1234567890').key // 'https://id.gs1.org/00/106141412345678908'
 */
export function objectKeyOf(uri: string): ObjectKey | string {
  const epc = /^urn:epc:(id|class|idpat):([a-z0-9]+):(.+)$/.exec(uri)
  const found = epc
    ? fromEpcUrn(epc[1]!, epc[2]!, epc[3]!)
    : /^https?:\/\//i.test(uri)
      ? fromDigitalLink(uri)
      : undefined
  return found ?? { key: uri, scheme: 'uri', isClass: false }
}
