import { describe, expect, it } from 'vitest'
import { EblError } from '../ebl/ebl-error.js'
import { LedgerError } from '../ledger/ledger-error.js'
import { TrackingError } from '../tracking/tracking-error.js'
import { LandseaError } from './landsea-error.js'

describe('LandseaError', () => {
  it('carries the code, the cause and the issues, named after the area class', () => {
    const cause = new Error('underneath')
    const issues = [{ path: '/document', code: 'REQUIRED', message: 'missing' }]
    const error = new EblError('EBL_VALIDATION_FAILED', 'the bill is invalid', { cause, issues })
    expect(error).toBeInstanceOf(LandseaError)
    expect(error).toBeInstanceOf(EblError)
    expect(error.name).toBe('EblError')
    expect(error.code).toBe('EBL_VALIDATION_FAILED')
    expect(error.message).toBe('the bill is invalid')
    expect(error.cause).toBe(cause)
    expect(error.issues).toEqual(issues)
  })

  it('has no issues unless given, except tracking errors, which always have a list', () => {
    expect(new LedgerError('LEDGER_SIZE_INVALID', 'no').issues).toBeUndefined()
    expect(new LedgerError('LEDGER_SIZE_INVALID', 'no')).not.toHaveProperty('cause')
    expect(new TrackingError('TRACKING_NOT_FOUND', 'no').issues).toEqual([])
  })
})
