import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { isDeepStrictEqual } from 'node:util'
import { parse } from 'yaml'
import { readVendorText } from './vendor-files.js'

/**
 * The standards this package carries, by id: the id is the base of every schema reference
 * (`dcsa-ebl-3.0.3#/components/schemas/TransportDocument`).
 */
export const STANDARD_FILES = {
  'dcsa-ebl-3.0.3': 'dcsa/EBL_v3.0.3.yaml',
  'dcsa-pint-3.0.0': 'dcsa/EBL_PINT_v3.0.0.yaml',
  'dcsa-ebl-issuance-3.0.3': 'dcsa/EBL_ISS_v3.0.3.yaml',
  'dcsa-ebl-surrender-3.0.3': 'dcsa/EBL_SUR_v3.0.3.yaml',
  'dcsa-tnt-2.2.0': 'dcsa/TNT_v2.2.0-bundled.yaml',
  'gs1-epcis-2.0': 'gs1/epcis/EPCIS-JSON-Schema.json',
} as const

/** Id of a vendored standard. */
export type StandardId = keyof typeof STANDARD_FILES

const parsed = new Map<StandardId, unknown>()

/**
 * Where `scripts/build-validators.ts` (run by `npm ci`) leaves a YAML standard parsed, as JSON:
 * JSON.parse reads it ~50× faster than YAML is parsed (the DCSA eBL's, ~0.3 s, was most of a
 * `landsea ebl issue`).
 */
export const parsedStandardFile = (id: StandardId): URL =>
  new URL(`../generated/${id}.json`, import.meta.url)

/** SHA-256 of a standard's text: a parsed copy is used only if made from this very text. */
export const standardTextHash = (text: string): string =>
  createHash('sha256').update(text).digest('hex')

/**
 * Reads a parsed copy back: YAML's `!!binary` values (an example in DCSA T&T) are Buffers, which
 * JSON writes as `{ type: 'Buffer', data: [...] }`.
 */
export const reviveStandardCopy = (text: string): unknown =>
  JSON.parse(text, (_, value: unknown) => {
    const v = value as { type?: unknown; data?: unknown } | null
    return v && v.type === 'Buffer' && Array.isArray(v.data) && Object.keys(v).length === 2
      ? Buffer.from(v.data as number[])
      : value
  })

/** The parsed copy of a YAML standard's text, when there is one made from this text. */
function parsedCopy(id: StandardId, text: string): unknown {
  try {
    const copy = reviveStandardCopy(readFileSync(parsedStandardFile(id), 'utf8')) as {
      sha256?: string
      document?: unknown
    }
    return copy.sha256 === standardTextHash(text) ? copy.document : undefined
  } catch {
    return undefined
  }
}

/** The parsed text of a vendored standard (OpenAPI YAML or JSON Schema), read once and cached. */
export function loadStandardDocument(id: StandardId): unknown {
  let document = parsed.get(id)
  if (document === undefined) {
    const file = STANDARD_FILES[id]
    const text = readVendorText(file)
    document = file.endsWith('.json') ? JSON.parse(text) : (parsedCopy(id, text) ?? parse(text))
    parsed.set(id, document)
  }
  return document
}

/**
 * Writes the parsed copy of each YAML standard (`npm ci`, through scripts/build-validators.ts):
 * only a copy that reads back as the same document; for another, the YAML is parsed at run time.
 */
export async function writeParsedStandardCopies(): Promise<void> {
  for (const [id, file] of Object.entries(STANDARD_FILES) as [StandardId, string][]) {
    if (!file.endsWith('.yaml')) continue
    const document = loadStandardDocument(id)
    const copy = JSON.stringify({ sha256: standardTextHash(readVendorText(file)), document })
    const { document: read } = reviveStandardCopy(copy) as { document: unknown }
    if (isDeepStrictEqual(read, document)) await writeFile(parsedStandardFile(id), copy)
  }
}
