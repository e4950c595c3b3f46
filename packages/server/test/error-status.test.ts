import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CryptoError } from '@landsea/core/crypto'
import { EblError } from '@landsea/core/ebl'
import { LandseaError } from '@landsea/core/errors'
import { IdentityError } from '@landsea/core/identity'
import { LedgerError } from '@landsea/core/ledger'
import { TrackingError } from '@landsea/core/tracking'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { ApiError, installErrorHandler, isErrorCode, STATUS_BY_CODE } from '../src/errors.js'

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url))

// The packages whose code runs inside a node's HTTP server (the web app's ApiError is the
// browser's client error, and the CLI's CliError never reaches HTTP).
const SERVER_SIDE = ['core', 'storage', 'node', 'server']
const AREA_ERRORS =
  /new (ApiError|CryptoError|EblError|IdentityError|LedgerError|TrackingError|StorageError)\(\s*'([A-Z0-9_]+)'/g

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

function thrownCodes(): Map<string, string> {
  const codes = new Map<string, string>()
  for (const pkg of SERVER_SIDE) {
    for (const file of sourceFiles(join(PACKAGES, pkg, 'src'))) {
      for (const [, , code] of readFileSync(file, 'utf8').matchAll(AREA_ERRORS)) {
        codes.set(code!, file.slice(PACKAGES.length))
      }
    }
  }
  return codes
}

async function render(error: Error) {
  const app = Fastify()
  installErrorHandler(app)
  app.get('/', async () => {
    throw error
  })
  const res = await app.inject({ url: '/' })
  await app.close()
  return res
}

describe('error statuses', () => {
  it('has a status for every code thrown with a literal anywhere on the server side', () => {
    const codes = thrownCodes()
    expect(codes.size).toBeGreaterThan(50)
    const missing = [...codes].filter(([code]) => !isErrorCode(code))
    expect(missing).toEqual([])
  })

  it('renders each area’s error with its mapped status and body', async () => {
    const issues = [{ path: '/document', code: 'REQUIRED', message: 'missing' }]
    const errors = [
      new ApiError('AUTH_FORBIDDEN', 'not yours'),
      new CryptoError('CRYPTO_JWS_MALFORMED', 'not a JWS'),
      new EblError('EBL_VALIDATION_FAILED', 'the bill is invalid', { issues }),
      new IdentityError('IDENTITY_REVOKED', 'revoked'),
      new LedgerError('LEDGER_WITNESS_FORK', 'two trees'),
      new TrackingError('TRACKING_NOT_FOUND', 'no events'),
    ]
    for (const error of errors) {
      const res = await render(error)
      expect(res.statusCode, error.code).toBe(STATUS_BY_CODE[error.code])
      expect(res.json(), error.code).toEqual({
        error: {
          code: error.code,
          message: error.message,
          ...(error.issues ? { issues: error.issues } : {}),
        },
      })
    }
  })

  it('renders every code with its status, and a 5xx as an internal error without its message', async () => {
    for (const [code, status] of Object.entries(STATUS_BY_CODE)) {
      const res = await render(new LandseaError(code, `about ${code}`))
      expect(res.statusCode, code).toBe(status)
      expect(res.json().error, code).toEqual(
        status < 500
          ? { code, message: `about ${code}` }
          : { code: 'INTERNAL_ERROR', message: 'internal error' },
      )
    }
  })
})
