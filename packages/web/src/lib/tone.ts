/** How a shipment is doing, as the map and lists colour it. */
export type ShipmentTone = 'on-time' | 'delayed' | 'customs-hold' | 'delivered' | 'planned'

/** All tones, in legend order. */
export const SHIPMENT_TONES: readonly ShipmentTone[] = [
  'on-time',
  'delayed',
  'customs-hold',
  'planned',
  'delivered',
]

/** Colour of each tone; chosen to stay distinct for the common colour-vision deficiencies. */
export const TONE_COLOR: Readonly<Record<ShipmentTone, string>> = {
  'on-time': '#1b7f4c',
  delayed: '#d97706',
  'customs-hold': '#b91c1c',
  delivered: '#4b5563',
  planned: '#2563eb',
}

/** Narrows an unknown value (from the API) to a tone. */
export function isShipmentTone(value: unknown): value is ShipmentTone {
  return typeof value === 'string' && (SHIPMENT_TONES as readonly string[]).includes(value)
}

/** A shipment is shown as delayed once its latest milestone runs this many hours behind plan. */
export const DELAY_THRESHOLD_HOURS = 6

/**
 * The tone of a shipment: a customs hold outranks a delay; delivered and not-yet-departed
 * shipments are shown as such whatever their delay.
 */
export function shipmentTone({
  customsStatus,
  delayHours,
  hasDeparted,
  isDelivered,
}: {
  customsStatus: string
  delayHours: number
  hasDeparted: boolean
  isDelivered: boolean
}): ShipmentTone {
  if (isDelivered) return 'delivered'
  if (customsStatus === 'HELD') return 'customs-hold'
  if (delayHours >= DELAY_THRESHOLD_HOURS) return 'delayed'
  return hasDeparted ? 'on-time' : 'planned'
}
