import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Runs every bench/*.bench.ts (or those whose name contains an argument): `npm run bench -- ledger`.
const here = dirname(fileURLToPath(import.meta.url))
const filters = process.argv.slice(2)
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()

console.log(`Landsea benchmarks — node ${process.version}, ${new Date().toISOString()}`)
console.log(
  `database: SQLite always; PostgreSQL ${process.env.DATABASE_URL ? 'at DATABASE_URL' : 'skipped (DATABASE_URL unset)'}`,
)
let failed = 0
for (const file of files) {
  console.log(`\n## ${file}`)
  try {
    const mod = (await import(join(here, file))) as { run: () => Promise<void> }
    await mod.run()
  } catch (error) {
    failed++
    console.error(`${file} failed:`, error)
  }
}
process.exit(failed > 0 ? 1 : 0)
