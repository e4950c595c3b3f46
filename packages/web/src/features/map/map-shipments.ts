import type { ShipmentTone } from '../../lib/tone.js'
import type { LonLat } from '../../lib/geo.js'

/** A shipment as the map draws it. */
export interface MapShipment {
  readonly id: string
  readonly reference: string
  readonly tone: ShipmentTone
  readonly position: LonLat
}
