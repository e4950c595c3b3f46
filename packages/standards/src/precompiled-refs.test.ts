import { createRequire } from 'node:module'
import type { ErrorObject, ValidateFunction } from 'ajv'
import { describe, expect, it } from 'vitest'
import { createAjv, POINTER, standardSchema } from './create-ajv.js'
import { listOpenApiExamples } from './openapi-examples.js'
import { PRECOMPILED_REFS } from './precompiled-refs.js'

const generated = createRequire(import.meta.url)('../generated/validators.cjs') as Record<
  string,
  ValidateFunction
>

const summary = (errors: readonly ErrorObject[] | null | undefined) =>
  (errors ?? []).map(
    (e) =>
      `${e.instancePath} ${e.keyword} ${String((e.parentSchema as Record<string, unknown>)[POINTER])}`,
  )

describe('validators generated at install time (scripts/build-validators.ts)', () => {
  it('exist for every precompiled schema', () => {
    for (const ref of PRECOMPILED_REFS) expect(typeof generated[ref], ref).toBe('function')
  })

  it('DCSA eBL 3.0.3 TransportDocument: report what a fresh compile of the standard reports', () => {
    const ref = 'dcsa-ebl-3.0.3#/components/schemas/TransportDocument'
    const ajv = createAjv()
    ajv.addSchema(standardSchema('dcsa-ebl-3.0.3'), 'dcsa-ebl-3.0.3')
    const fresh = ajv.getSchema(ref)!
    const [example] = listOpenApiExamples(
      'dcsa-ebl-3.0.3',
      (v) => typeof v.transportDocumentStatus === 'string' && typeof v.transports === 'object',
    )
    const bad = {
      ...(example!.value as Record<string, unknown>),
      transportDocumentReference: ' LEADING',
      numberOfRiderPages: -1,
      issuingParty: {},
    }
    for (const value of [example!.value, bad]) {
      const isValid = fresh(value)
      expect(generated[ref]!(value)).toBe(isValid)
      expect(summary(generated[ref]!.errors)).toEqual(summary(fresh.errors))
    }
    expect(summary(fresh.errors).length).toBeGreaterThan(1)
  })
})
