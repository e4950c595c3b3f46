import { hash as digest } from 'node:crypto'
import {
  erasedPlaceholder,
  findPersonalData,
  minimisePayload,
  type FoundPersonalValue,
  type LocatedPersonalValues,
  type PersonalCategory,
  type PersonalDataLocator,
} from '@landsea/core/privacy'
import { subjectOfEach } from './subjects.js'

/**
 * What the gate finds in one payload, whoever receives it: its personal values, their subjects'
 * keyed hashes, and, made once when a decision asks, the original or minimised text and its digest.
 * The deliveries of one ingest that carry the same text (one per subscriber) share one analysis.
 */
export interface PayloadAnalysis {
  /** Personal values in clear (placeholders of erased values are no one's data). */
  readonly found: readonly FoundPersonalValue[]
  /** The distinct subjects' keyed hashes. */
  readonly subjects: readonly string[]
  readonly categories: readonly PersonalCategory[]
  readonly sensitive: boolean
  /** The payload as given. */
  original(): unknown
  /** The payload as given, with its text (the request's `json`, or the payload serialised). */
  sent(): { readonly payload: unknown; readonly json: string; readonly sha256: string }
  /** The copy with every personal value replaced by its keyed hash, with its text. */
  minimised(): { readonly payload: unknown; readonly json: string; readonly sha256: string }
}

// One-shot: about half the time of createHash's object on a 600-byte text, and less when cold.
const sha256Hex = (text: string) => digest('sha256', text, 'hex')

/**
 * `keyed`, computed once per distinct value of this analysis (nothing is kept after it); `given`:
 * values whose keyed hash is already known (the same function's, computed by the ingest).
 */
function onceEach(
  keyed: (value: string) => string,
  given?: ReadonlyMap<string, string>,
): (value: string) => string {
  const known = new Map<string, string>()
  return (value) => {
    let hashed = given?.get(value) ?? known.get(value)
    if (hashed === undefined) {
      hashed = keyed(value)
      known.set(value, hashed)
    }
    return hashed
  }
}

/**
 * Analyses a payload (`payload`, or `json`, its text; given both, `payload` must be the value `json`
 * serialises, and is not parsed again). `keyedHash` is asked for only when personal values are
 * found; `subjectHashes`, hashes it already made (the ingest's), are not made again;
 * `personalValues`, the values the ingest found in `payload` and their subjects, are not searched
 * for again. A text we parse is ours: the first minimised copy changes it in place, and the
 * original is parsed again only if a later decision sends it as it was.
 */
export async function analysePayload(
  {
    payload,
    json,
    subjectHashes,
    personalValues,
  }: {
    readonly payload?: unknown
    readonly json?: string
    readonly subjectHashes?: ReadonlyMap<string, string>
    readonly personalValues?: LocatedPersonalValues | undefined
  },
  locator: PersonalDataLocator,
  keyedHash: () => Promise<(value: string) => string>,
): Promise<PayloadAnalysis> {
  const owned = payload === undefined && json !== undefined
  let parsed = payload ?? (JSON.parse(json!) as unknown)
  // Pointers into `payload`: of no use for a text we parse.
  const located = payload !== undefined ? personalValues : undefined
  const found =
    located?.found ??
    findPersonalData(parsed, locator).filter((f) => f.value !== erasedPlaceholder(f.path))
  // The values of one contact share its subject, whose identifier is often one of the values
  // minimised (an e-mail): each distinct text is hashed once.
  const hash = found.length > 0 ? onceEach(await keyedHash(), subjectHashes) : undefined
  const subjects = hash ? [...new Set((located?.subjects ?? subjectOfEach(found)).map(hash))] : []
  let isChanged = false
  let isHandedOut = false
  let asSent: ReturnType<PayloadAnalysis['sent']> | undefined
  let asMinimised: ReturnType<PayloadAnalysis['minimised']> | undefined
  const original = () => {
    // Minimised in place earlier: the original is its text, parsed again (a rare mix of recipients).
    if (isChanged) {
      parsed = JSON.parse(json!) as unknown
      isChanged = false
    }
    isHandedOut = true
    return parsed
  }
  return {
    found,
    subjects,
    categories: [...new Set(found.map((f) => f.category))].sort(),
    sensitive: found.some((f) => f.sensitive),
    original,
    sent() {
      if (asSent) return asSent
      const text = json ?? JSON.stringify(parsed)
      asSent = { payload: original(), json: text, sha256: sha256Hex(text) }
      return asSent
    },
    minimised() {
      if (asMinimised) return asMinimised
      const inPlace = owned && !isChanged && !isHandedOut
      // A payload given with its text (a webhook's events as the ingest holds them): the copy is
      // serialised and not changed, so only the objects on the personal values' paths are copied.
      const copy = minimisePayload(
        inPlace ? parsed : original(),
        found,
        (v) => `hmac-sha256:${hash!(String(v)).slice(0, 32)}`,
        { copy: inPlace ? 'none' : json !== undefined ? 'paths' : 'deep' },
      )
      isChanged = inPlace
      const text = JSON.stringify(copy)
      asMinimised = { payload: copy, json: text, sha256: sha256Hex(text) }
      return asMinimised
    },
  }
}
