import type { ApiClient } from '../../lib/api-client.js'
import type { PintPlatform, PintTransfer } from '../../lib/pint-transfers.js'

export type { PintPlatform, PintTransfer }

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
