// Generates Ajv standalone validators for the schemas a node checks on every request, so that a
// process (a CLI `landsea ebl issue`, a server) neither parses the standards' YAML nor compiles
// their schemas: `npm ci` runs it in the root `prepare` step, before the CLI build. The output,
// generated/validators.cjs, is not committed; without it, validateAgainst compiles on first use.
// It also leaves each YAML standard parsed, as JSON (generated/<id>.json), for loadStandardDocument.
import { mkdir, writeFile } from 'node:fs/promises'
import standaloneCode from 'ajv/dist/standalone/index.js'
import { createAjv, standardSchema } from '../src/create-ajv.js'
import { PRECOMPILED_REFS } from '../src/precompiled-refs.js'
import { writeParsedStandardCopies, type StandardId } from '../src/standard-documents.js'

const started = performance.now()
const ajv = createAjv({ source: true })
const ids = new Set(PRECOMPILED_REFS.map((ref) => ref.slice(0, ref.indexOf('#')) as StandardId))
for (const id of ids) ajv.addSchema(standardSchema(id), id)
for (const ref of PRECOMPILED_REFS) if (!ajv.getSchema(ref)) throw new Error(`no schema ${ref}`)
// Export names are the references themselves: module.exports["dcsa-ebl-3.0.3#/…"].
const exports = Object.fromEntries(PRECOMPILED_REFS.map((ref) => [ref, ref]))
const code = (standaloneCode as unknown as typeof standaloneCode.default)(ajv, exports)
const out = new URL('../generated/', import.meta.url)
await mkdir(out, { recursive: true })
await writeFile(new URL('validators.cjs', out), code)
await writeParsedStandardCopies()
process.stdout.write(
  `standards: ${PRECOMPILED_REFS.length} validators generated in ${Math.round(performance.now() - started)} ms\n`,
)
