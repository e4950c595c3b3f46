import type { ActionEntryPayload, EblRecord } from '@landsea/core/ebl'
import type { ApiClient } from '../../lib/api-client.js'

/** A bill as `GET /api/ebl/{id}` returns it. */
export type BillRecord = EblRecord

/** One signed action of a bill, as `GET /api/ebl/{id}/history` returns it. */
export interface HistoryEntry {
  readonly seq: number
  readonly entryChecksum: string
  readonly jws: string
  readonly payload: ActionEntryPayload
  readonly signerKid: string
  readonly acceptedAt: string
}

/**
 * An action the signed-in organisation may take now, with the recipients it may name (`null`: the
 * action may name none). A TRANSFER may come as a plain, a pledging and a releasing variant.
 */
export interface AllowedAction {
  readonly action: string
  readonly recipients?: readonly (string | null)[]
  readonly pledge?: 'PLEDGE' | 'RELEASE'
}

/** The body of `POST /api/ebl/{id}/actions`. */
export interface ActionRequestBody {
  readonly action: string
  readonly recipient?: string
  readonly pledge?: 'PLEDGE' | 'RELEASE'
  readonly reasonCode?: string
  readonly comments?: string
  readonly expectedPreviousEntryChecksum?: string | null
}

const path = (id: string) => `/ebl/${encodeURIComponent(id)}`

/** Fetches a bill. */
export function getBill(client: ApiClient, id: string): Promise<BillRecord> {
  return client.get<BillRecord>(path(id))
}

/** Fetches a bill's title chain. */
export async function getHistory(client: ApiClient, id: string): Promise<readonly HistoryEntry[]> {
  const body = await client.get<{ entries?: HistoryEntry[] }>(`${path(id)}/history`)
  return Array.isArray(body?.entries) ? body.entries : []
}

/** Fetches what the signed-in organisation may do with a bill. */
export async function getAllowedActions(
  client: ApiClient,
  id: string,
): Promise<readonly AllowedAction[]> {
  const body = await client.get<{ actions?: AllowedAction[] }>(`${path(id)}/allowed-actions`)
  return Array.isArray(body?.actions) ? body.actions : []
}

/** Asks the node to sign and record an action on a bill as the signed-in organisation. */
export function postAction(
  client: ApiClient,
  id: string,
  body: ActionRequestBody,
): Promise<unknown> {
  return client.post(`${path(id)}/actions`, body)
}

/** Lists bills, filtered as `GET /api/ebl?party=&status=&q=` allows. */
export async function listBills(
  client: ApiClient,
  filter: { party?: string; status?: string; q?: string },
): Promise<readonly BillRecord[]> {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value)
  const suffix = query.size > 0 ? `?${query.toString()}` : ''
  const body = await client.get<unknown>(`/ebl${suffix}`)
  if (Array.isArray(body)) return body as BillRecord[]
  const record = body as { items?: unknown; bills?: unknown; ebls?: unknown } | null
  const items = record?.items ?? record?.bills ?? record?.ebls
  return Array.isArray(items) ? (items as BillRecord[]) : []
}

/** Fetches the offline-verifiable bundle of a bill (`GET /api/ebl/{id}/bundle`), as JSON text. */
export async function getBundleText(client: ApiClient, id: string): Promise<string> {
  return JSON.stringify(await client.get<unknown>(`${path(id)}/bundle`), null, 2)
}
