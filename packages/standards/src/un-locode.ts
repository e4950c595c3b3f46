import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { parse } from 'csv-parse/sync'
import { VENDOR_DIR } from './vendor-files.js'

/** The UN/LOCODE edition vendored under vendor/unece/unlocode (see vendor/README.md). */
export const UN_LOCODE_EDITION = '2018-1'

const CODE_LIST = `unece/unlocode/unlocode-code-list-${UN_LOCODE_EDITION}.csv.gz`

/**
 * One entry of the UN/LOCODE code list (UNECE Recommendation No. 16), as published: the
 * function classifier is the 8-character string of the list (`1` port, `2` rail terminal, `3` road
 * terminal, `4` airport, `5` postal exchange, `6` multimodal, `7` fixed transport, `B` border
 * crossing), the status its 2-letter code, and the coordinates converted from `DDMMN DDDMME` to
 * decimal degrees (WGS 84) where the list gives them.
 */
export interface UnLocodeEntry {
  readonly code: string
  readonly name: string
  readonly nameWithoutDiacritics: string
  readonly subdivision?: string
  readonly functions: string
  readonly status: string
  readonly coordinates?: { readonly latitude: number; readonly longitude: number }
}

// The list's columns, in the order UNECE publishes them.
const CHANGE = 0
const NAME = 3
const NAME_WO_DIACRITICS = 4
const SUBDIVISION = 5
const FUNCTION = 6
const STATUS = 7
const COORDINATES = 10

// A place row starts with its change indicator (empty or quoted), then the quoted country and
// place codes; a country's header row has no place code and does not match.
const ROW_START = /^(?:"[^"\n]*")?,"([A-Z]{2})","([A-Z2-9]{3})"/gm

interface CodeList {
  readonly text: string
  /** Code → offset of its first row in `text`. */
  readonly rows: Map<string, number>
  readonly parsed: Map<string, UnLocodeEntry | undefined>
}

let list: CodeList | undefined

// The list is ≈8.7 MB of CSV: it is indexed by code with one scan on first use, and a row is
// parsed (with csv-parse) only when its code is asked for.
function codeList(): CodeList {
  if (list !== undefined) return list
  const text = gunzipSync(readFileSync(join(VENDOR_DIR, CODE_LIST))).toString('utf8')
  const rows = new Map<string, number>()
  for (const m of text.matchAll(ROW_START)) {
    const code = `${m[1]}${m[2]}`
    if (!rows.has(code)) rows.set(code, m.index)
  }
  list = { text, rows, parsed: new Map() }
  return list
}

function parseRow(code: string, row: readonly string[]): UnLocodeEntry | undefined {
  // `X` entries are withdrawn from the list.
  if (row[CHANGE] === 'X') return undefined
  const coordinates = parseCoordinates(row[COORDINATES] ?? '')
  const subdivision = row[SUBDIVISION] ?? ''
  return {
    code,
    name: row[NAME] ?? '',
    nameWithoutDiacritics: row[NAME_WO_DIACRITICS] ?? '',
    ...(subdivision !== '' ? { subdivision } : {}),
    functions: row[FUNCTION] ?? '',
    status: row[STATUS] ?? '',
    ...(coordinates !== undefined ? { coordinates } : {}),
  }
}

const COORDINATE_PATTERN = /^(\d{2})(\d{2})([NS]) (\d{3})(\d{2})([EW])$/

/** `4851N 00221E` → { latitude: 48.85, longitude: 2.35 }; undefined when absent or malformed. */
export function parseCoordinates(
  text: string,
): { readonly latitude: number; readonly longitude: number } | undefined {
  const m = COORDINATE_PATTERN.exec(text.trim())
  if (m === null) return undefined
  const part = (i: number): number => Number(m[i])
  const latitude = (part(1) + part(2) / 60) * (m[3] === 'S' ? -1 : 1)
  const longitude = (part(4) + part(5) / 60) * (m[6] === 'W' ? -1 : 1)
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined
  return { latitude: round(latitude), longitude: round(longitude) }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4
}

/**
 * The UN/LOCODE entry for a 5-character code (`FRPAR`), or undefined when the vendored edition
 * does not list it. The list (≈108,000 places) is indexed on first use and kept for the process.
 */
export function findUnLocode(code: string): UnLocodeEntry | undefined {
  const { text, rows, parsed } = codeList()
  if (parsed.has(code)) return parsed.get(code)
  const at = rows.get(code)
  let entry: UnLocodeEntry | undefined
  if (at !== undefined) {
    const end = text.indexOf('\n', at)
    const [row] = parse(text.slice(at, end === -1 ? undefined : end), {
      relax_column_count: true,
      relax_quotes: true,
    }) as string[][]
    entry = row === undefined ? undefined : parseRow(code, row)
  }
  parsed.set(code, entry)
  return entry
}

/** How many place codes the vendored edition lists (withdrawn entries included). */
export function unLocodeCount(): number {
  return codeList().rows.size
}
