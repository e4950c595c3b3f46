#!/usr/bin/env node
// Runs the TypeScript sources directly: tsx compiles on load, so `npm ci` is the only build step.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/main.ts')
await main(process.argv)
