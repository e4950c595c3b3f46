// Builds the dashboard before `npm start` when it has not been built yet, so `npm ci && npm start` suffices.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

if (!existsSync(new URL('../packages/web/dist/index.html', import.meta.url))) {
  console.log('Building the dashboard (first start only)…')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const result = spawnSync(npm, ['run', 'build:web', '--silent'], { stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('The dashboard build failed; the API still starts, the dashboard will be missing.')
  }
}
