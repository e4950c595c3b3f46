import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run, withoutDatabaseUrl } from './run-cli.js'

describe('landsea secrets rotate-key', () => {
  withoutDatabaseUrl()

  it('has help, rotates master.key, and the node still opens its secrets', async () => {
    const help = await run('secrets', 'rotate-key', '--help')
    expect(help.stdout).toContain('key-encryption key')
    const data = mkdtempSync(join(tmpdir(), 'landsea-cli-rotate-'))
    const created = await run('org', 'list', '--data', data, '--json')
    expect(created.exitCode).toBe(0)
    const before = readFileSync(join(data, 'master.key'), 'utf8')
    const rotated = await run('secrets', 'rotate-key', '--data', data, '--json')
    expect(rotated.exitCode, rotated.stderr).toBe(0)
    expect(JSON.parse(rotated.stdout).keyIn).toBe('master.key')
    expect(readFileSync(join(data, 'master.key'), 'utf8')).not.toBe(before)
    expect((await run('org', 'list', '--data', data, '--json')).exitCode).toBe(0)
  })

  it('refuses, with a message and exit 1, a key in LANDSEA_MASTER_KEY without the new one', async () => {
    process.env.LANDSEA_MASTER_KEY = '33'.repeat(32)
    try {
      const data = mkdtempSync(join(tmpdir(), 'landsea-cli-rotate-env-'))
      const result = await run('secrets', 'rotate-key', '--data', data)
      expect(result.exitCode).toBe(1)
      expect(result.stderr).toContain('LANDSEA_NEW_MASTER_KEY')
    } finally {
      delete process.env.LANDSEA_MASTER_KEY
    }
  })
})
