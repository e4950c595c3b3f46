import type { ApiClient } from '../../lib/api-client.js'

/** A transfer out to another platform, as `GET /api/pint/outbox` and `/api/ebl/{id}/pint-transfers` give it. */
export interface PintTransfer {
  readonly id: string
  readonly documentId: string
  readonly platform: string
  readonly actor: string
  readonly action: string
  readonly status: 'SENDING' | 'TRANSFERRED' | 'REJECTED'
  readonly attempts: number
  /** The receiver's signed PINT response code: RECE, DUPE, BSIG, BENV, INCD, MDOC or DISE. */
  readonly responseCode: string | null
  readonly lastError: string | null
  readonly createdAt: string
  readonly updatedAt: string
}

/** An envelope received from another platform, as `GET /api/pint/inbox` gives it. */
export interface PintReceived {
  readonly reference: string
  readonly documentChecksum: string
  readonly sender: string
  readonly recipient: string
  readonly status: 'PENDING' | 'ACCEPTED'
  readonly documents: readonly { name: string; documentChecksum: string }[]
  readonly received: readonly string[]
  readonly createdAt: string
  readonly updatedAt: string
}

/** This node as a PINT platform. */
export interface PintPlatform {
  readonly code: string
  readonly name: string
}

/** What the platforms screen shows (operator only). */
export interface PintOverview {
  readonly platform: PintPlatform
  readonly platforms: readonly PintPlatform[]
  readonly incoming: readonly PintReceived[]
  readonly outgoing: readonly PintTransfer[]
}

/** Loads this platform, the directory, the inbox and the outbox. */
export async function getPintOverview(client: ApiClient): Promise<PintOverview> {
  const [platform, platforms, incoming, outgoing] = await Promise.all([
    client.get<PintPlatform>('/pint/platform'),
    client.get<PintPlatform[]>('/pint/platforms'),
    client.get<PintReceived[]>('/pint/inbox'),
    client.get<PintTransfer[]>('/pint/outbox'),
  ])
  return {
    platform,
    platforms,
    incoming: [...incoming].reverse(),
    outgoing: [...outgoing].reverse(),
  }
}

/** Loads what a bill's platform journey is made of: this platform and the bill's transfers out. */
export async function getBillTransfers(
  client: ApiClient,
  id: string,
): Promise<{ platform: PintPlatform; transfers: readonly PintTransfer[] }> {
  const [platform, transfers] = await Promise.all([
    client.get<PintPlatform>('/pint/platform'),
    client.get<PintTransfer[]>(`/ebl/${encodeURIComponent(id)}/pint-transfers`),
  ])
  return { platform, transfers }
}
