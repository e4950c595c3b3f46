import type { PrivacyGate } from '@landsea/node'
import type { FastifyRequest } from 'fastify'
import { callerOf } from './auth.js'

/** The privacy gate an API read passes (docs/privacy.md), when the app has one. */
export interface ReadPrivacy {
  readonly gate: PrivacyGate
}

/**
 * Passes what a route is about to return through the gate as a read by the calling organisation:
 * a reader of another jurisdiction is a crossing (sent and recorded, minimised, or refused with
 * 451), and every personal value returned goes to the access log. Returns what may be sent.
 */
export async function gatedRead<T>(
  privacy: ReadPrivacy | undefined,
  request: FastifyRequest,
  read: { purpose: string; payload: T; recordIds: readonly string[] },
): Promise<T> {
  if (!privacy) return read.payload
  const caller = callerOf(request)
  const permit = await privacy.gate.checkRead({
    reader: caller.id,
    readerCountry: caller.country,
    what: `${request.method} ${request.url}`,
    ...read,
  })
  return permit.payload as T
}
