import type { LonLat } from './geo.js'
import { useSession } from './session.js'
import { shipmentTone, type ShipmentTone } from './tone.js'
import { useResource, type Resource } from './use-api.js'

/** A shipment as lists and the map show it. */
export interface ShipmentSummary {
  readonly id: string
  readonly reference: string
  readonly origin?: string
  readonly destination?: string
  readonly tone: ShipmentTone
  readonly customsStatus: string
  readonly delayHours: number
  readonly position?: LonLat
  readonly etaP50?: string
  readonly lastEventAt?: string
  readonly equipmentReferences: readonly string[]
  readonly transportDocumentReference?: string
  readonly billId?: string
}

type Json = Record<string, unknown>

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined

/**
 * Reads one shipment of `GET /api/shipments` defensively: fields the dashboard cannot use are
 * dropped, a shipment without an id is skipped.
 */
export function readShipmentSummary(value: unknown): ShipmentSummary | null {
  if (!isRecord(value)) return null
  const id = str(value.id) ?? str(value.shipmentId)
  if (!id) return null
  const timeline = isRecord(value.timeline) ? value.timeline : value
  const customs = isRecord(timeline.customs) ? timeline.customs : {}
  const customsStatus = str(customs.status) ?? str(value.customsStatus) ?? 'NONE'
  const delayHours = num(timeline.delayHours) ?? num(value.delayHours) ?? 0
  const positionRecord = isRecord(timeline.position)
    ? timeline.position
    : isRecord(value.position)
      ? value.position
      : null
  const longitude = num(positionRecord?.longitude)
  const latitude = num(positionRecord?.latitude)
  const position: LonLat | undefined =
    longitude !== undefined && latitude !== undefined ? [longitude, latitude] : undefined
  const eta = isRecord(value.eta) ? value.eta : {}
  const status = str(value.status)
  const isDelivered = status === 'DELIVERED' || value.isDelivered === true
  const hasDeparted = Boolean(str(timeline.lastActualEventAt)) || status === 'IN_TRANSIT'
  const equipment = Array.isArray(value.equipmentReferences) ? value.equipmentReferences : []
  return {
    id,
    reference:
      str(value.reference) ??
      str(value.carrierBookingReference) ??
      str(value.transportDocumentReference) ??
      id,
    origin: str(value.origin) ?? str(value.originUNLocationCode),
    destination: str(value.destination) ?? str(value.destinationUNLocationCode),
    tone: shipmentTone({ customsStatus, delayHours, hasDeparted, isDelivered }),
    customsStatus,
    delayHours,
    position,
    etaP50: str(eta.p50) ?? str(eta.p50At) ?? str(value.etaP50),
    lastEventAt: str(timeline.lastActualEventAt),
    equipmentReferences: equipment.filter((e): e is string => typeof e === 'string'),
    transportDocumentReference: str(value.transportDocumentReference),
    billId: str(value.eblId) ?? str(value.billId),
  }
}

/** Reads the list answer of `GET /api/shipments` (`{ shipments: [...] }` or a bare array). */
export function readShipmentSummaries(body: unknown): readonly ShipmentSummary[] {
  const list = Array.isArray(body)
    ? body
    : isRecord(body) && Array.isArray(body.shipments)
      ? body.shipments
      : []
  return list.flatMap((s) => readShipmentSummary(s) ?? [])
}

/** The shipments visible to the signed-in organisation (none when signed out). */
export function useShipmentSummaries(): Resource<readonly ShipmentSummary[]> {
  const { me, client } = useSession()
  return useResource(me ? `shipments:${me.id}` : 'shipments:anonymous', async () =>
    me ? readShipmentSummaries(await client.get<unknown>('/shipments')) : [],
  )
}
