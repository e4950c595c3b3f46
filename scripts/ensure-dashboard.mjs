// Builds the dashboard before `npm start` when it is missing or older than its sources, so
// `npm ci && npm start` suffices and a pull never serves a stale app.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const web = fileURLToPath(new URL('../packages/web/', import.meta.url))
const built = join(web, 'dist/index.html')

/** The newest modification time under the given paths. */
function newest(paths) {
  let latest = 0
  for (const path of paths) {
    if (!existsSync(path)) continue
    const stat = statSync(path)
    if (stat.isDirectory()) {
      latest = Math.max(latest, newest(readdirSync(path).map((name) => join(path, name))))
    } else {
      latest = Math.max(latest, stat.mtimeMs)
    }
  }
  return latest
}

const sources = ['src', 'public', 'index.html', 'vite.config.ts', '../core/src'].map((p) =>
  join(web, p),
)
if (!existsSync(built) || statSync(built).mtimeMs < newest(sources)) {
  console.log('Building the dashboard…')
  const result = spawnSync('npm', ['run', 'build:web', '--silent'], { stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(
      'The dashboard build failed; the API still starts, the dashboard will be missing.',
    )
  }
}
