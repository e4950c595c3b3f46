import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  loadStandardDocument,
  parsedStandardFile,
  reviveStandardCopy,
  STANDARD_FILES,
  standardTextHash,
  type StandardId,
} from './standard-documents.js'
import { readVendorText } from './vendor-files.js'

const yamlStandards = (Object.entries(STANDARD_FILES) as [StandardId, string][]).filter(([, f]) =>
  f.endsWith('.yaml'),
)

describe('loadStandardDocument', () => {
  it.each(yamlStandards)(
    '%s: the parsed copy made at install time is the YAML text, parsed',
    (id, file) => {
      const text = readVendorText(file)
      // `npm ci` makes it (scripts/build-validators.ts, in the root prepare step).
      expect(existsSync(parsedStandardFile(id))).toBe(true)
      const copy = reviveStandardCopy(readFileSync(parsedStandardFile(id), 'utf8')) as {
        sha256: string
        document: unknown
      }
      expect(copy.sha256).toBe(standardTextHash(text))
      expect(copy.document).toEqual(parse(text))
      expect(loadStandardDocument(id)).toEqual(copy.document)
    },
  )
})
