import { afterAll, beforeAll, vi } from 'vitest'
import { main } from '../src/main.js'

/** Runs the CLI in-process and captures what it prints and its exit code. */
export async function run(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk)
    return true
  })
  process.exitCode = undefined
  try {
    await main(['node', 'landsea', ...args])
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
  const exitCode = process.exitCode ?? 0
  process.exitCode = undefined
  return { stdout, stderr, exitCode }
}

/**
 * The CLI reads DATABASE_URL as the default of --database-url; suites that give each test its own
 * SQLite folder call this so that a CI run with DATABASE_URL set does not write into the shared database.
 */
export function withoutDatabaseUrl(): void {
  const databaseUrl = process.env.DATABASE_URL
  beforeAll(() => {
    delete process.env.DATABASE_URL
  })
  afterAll(() => {
    if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl
  })
}
