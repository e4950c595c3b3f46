import type { LonLat } from './geo.js'
import type { ApiClient } from './api-client.js'
import { useSession } from './session.js'
import { shipmentTone, type ShipmentTone } from './tone.js'
import { useResource, type Resource } from './use-api.js'

/** One milestone of a timeline: planned, estimated and actual times (ISO 8601). */
export interface MilestoneView {
  readonly key: string
  readonly eventType: string
  readonly typeCode: string
  readonly UNLocationCode?: string
  readonly modeOfTransport?: string
  readonly equipmentReference?: string
  readonly plannedAt?: string
  readonly estimatedAt?: string
  readonly actualAt?: string
  readonly delayHours?: number
}

/** P10/P50/P90 of one coming milestone. */
export interface MilestoneEtaView {
  readonly typeCode: string
  readonly UNLocationCode: string
  readonly modeOfTransport?: string
  readonly basis: string
  readonly p10: string
  readonly p50: string
  readonly p90: string
}

/** A customs declaration's latest milestone. */
export interface CustomsDeclarationView {
  readonly declarationNumber: string
  readonly authority: string
  readonly milestoneCode: string
  readonly at: string
}

/** A shipment as lists, the map and the shipment page show it. */
export interface ShipmentSummary {
  readonly id: string
  readonly reference: string
  readonly origin?: string
  readonly destination?: string
  readonly tone: ShipmentTone
  readonly customsStatus: string
  readonly customs: readonly CustomsDeclarationView[]
  readonly delayHours: number
  readonly position?: LonLat
  readonly currentMode?: string
  readonly lastKnownLocation?: string
  readonly lastEventAt?: string
  readonly milestones: readonly MilestoneView[]
  readonly eta: readonly MilestoneEtaView[]
  readonly finalArrival?: MilestoneEtaView
  readonly equipmentReferences: readonly string[]
}

type Json = Record<string, unknown>

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined
const records = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : [])

function readMilestone(m: Json): MilestoneView | null {
  const key = str(m.key)
  const typeCode = str(m.typeCode)
  if (!key || !typeCode) return null
  return {
    key,
    typeCode,
    eventType: str(m.eventType) ?? '',
    UNLocationCode: str(m.UNLocationCode),
    modeOfTransport: str(m.modeOfTransport),
    equipmentReference: str(m.equipmentReference),
    plannedAt: str(m.plannedAt),
    estimatedAt: str(m.estimatedAt),
    actualAt: str(m.actualAt),
    delayHours: num(m.delayHours),
  }
}

function readEta(m: unknown): MilestoneEtaView | undefined {
  if (!isRecord(m)) return undefined
  const [typeCode, UNLocationCode, p10, p50, p90] = [
    m.typeCode,
    m.UNLocationCode,
    m.p10,
    m.p50,
    m.p90,
  ].map(str)
  if (!typeCode || !UNLocationCode || !p10 || !p50 || !p90) return undefined
  return {
    typeCode,
    UNLocationCode,
    p10,
    p50,
    p90,
    basis: str(m.basis) ?? 'model',
    modeOfTransport: str(m.modeOfTransport),
  }
}

const timeOf = (m: MilestoneView) =>
  Date.parse(m.actualAt ?? m.estimatedAt ?? m.plannedAt ?? '') || 0

/**
 * Reads `GET /api/shipments/{key}/timeline` (`{ key, timeline, eta? }`) into a summary. The body
 * comes from the network: odd fields are dropped, a body without a key gives null.
 */
export function readShipmentView(body: unknown): ShipmentSummary | null {
  if (!isRecord(body)) return null
  const id = str(body.key)
  if (!id) return null
  const timeline = isRecord(body.timeline) ? body.timeline : {}
  const milestones = records(timeline.milestones)
    .flatMap((m) => readMilestone(m) ?? [])
    .sort((a, b) => timeOf(a) - timeOf(b))
  const transport = milestones.filter((m) => m.eventType === 'TRANSPORT')
  const departures = transport.filter((m) => m.typeCode === 'DEPA')
  const arrivals = transport.filter((m) => m.typeCode === 'ARRI')
  const finalArrivalMilestone = arrivals.at(-1)
  const customs = isRecord(timeline.customs) ? timeline.customs : {}
  const customsStatus = str(customs.status) ?? 'NONE'
  const delayHours = num(timeline.delayHours) ?? 0
  const position = isRecord(timeline.position) ? timeline.position : null
  const longitude = num(position?.longitude)
  const latitude = num(position?.latitude)
  const eta = isRecord(body.eta) ? body.eta : {}
  const currentLeg = isRecord(timeline.currentLeg) ? timeline.currentLeg : null
  const lastEventAt = str(timeline.lastActualEventAt)
  return {
    id,
    reference: id,
    origin: departures[0]?.UNLocationCode,
    destination: finalArrivalMilestone?.UNLocationCode,
    tone: shipmentTone({
      customsStatus,
      delayHours,
      hasDeparted: departures.some((m) => m.actualAt !== undefined),
      isDelivered: finalArrivalMilestone?.actualAt !== undefined,
    }),
    customsStatus,
    customs: records(customs.declarations).flatMap((d) => {
      const [declarationNumber, authority, milestoneCode, at] = [
        d.declarationNumber,
        d.authority,
        d.milestoneCode,
        d.at,
      ].map(str)
      return declarationNumber && milestoneCode && at
        ? [{ declarationNumber, authority: authority ?? '', milestoneCode, at }]
        : []
    }),
    delayHours,
    position: longitude !== undefined && latitude !== undefined ? [longitude, latitude] : undefined,
    currentMode: str(currentLeg?.modeOfTransport),
    lastKnownLocation: str(timeline.lastKnownUNLocationCode),
    lastEventAt,
    milestones,
    eta: records(eta.milestones).flatMap((m) => readEta(m) ?? []),
    finalArrival: readEta(eta.finalArrival),
    equipmentReferences: [...new Set(milestones.flatMap((m) => m.equipmentReference ?? []))],
  }
}

/** Fetches one shipment's timeline and ETA. */
export async function getShipment(client: ApiClient, key: string): Promise<ShipmentSummary> {
  const view = readShipmentView(
    await client.get<unknown>(`/shipments/${encodeURIComponent(key)}/timeline`),
  )
  if (!view) throw new Error('the node answered a shipment without a key')
  return view
}

/** How many shipments the list and the map load (each needs its timeline). */
export const SHIPMENT_LIST_LIMIT = 100

/** Lists shipments (`GET /api/shipments`) and loads each one's timeline. */
export async function listShipments(client: ApiClient): Promise<readonly ShipmentSummary[]> {
  const body = await client.get<{ items?: unknown }>(`/shipments?limit=${SHIPMENT_LIST_LIMIT}`)
  const keys = records(body?.items).flatMap((item) => str(item.shipmentKey) ?? [])
  const views = await Promise.all(keys.map((key) => getShipment(client, key).catch(() => null)))
  return views.flatMap((v) => v ?? [])
}

/** The shipments visible to the signed-in organisation (none when signed out). */
export function useShipmentSummaries(): Resource<readonly ShipmentSummary[]> {
  const { me, client } = useSession()
  return useResource(me ? `shipments:${me.id}` : 'shipments:anonymous', async () =>
    me ? listShipments(client) : [],
  )
}
