#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm ci` through the root `prepare` script). With
// LANDSEA_TSX=1, or in a checkout not built yet, it runs the TypeScript sources through tsx.
import { existsSync } from 'node:fs'

const compiled = new URL('../dist/main.js', import.meta.url)
let main
if (process.env.LANDSEA_TSX !== '1' && existsSync(compiled)) {
  ;({ main } = await import(compiled.href))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/main.ts'))
}
await main(process.argv)
