import { simulateBookings, simulateCorridor } from '@landsea/core/simulation'
import { toBatchItems, type TrackingEvent } from '@landsea/core/tracking'
import type { TrackingService } from '../tracking/tracking-service.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A demo bill to give a shipment: its reference and, when known, its container. */
export interface DemoShipmentBill {
  readonly reference: string
  readonly equipmentReference?: string
  readonly portOfDischarge?: string
}

// Where each demo bill's shipment stands today, by its position in the list: on the train, in the
// Qinzhou yard, delivered, at sea, just booked.
const BOOKED_DAYS_AGO = [2.2, 4.2, 14, 6.5, 0.15]

/**
 * Seeds the visibility side of the demo: four months of simulated corridor history (so the ETA
 * model has something to learn from), and one live shipment per demo bill at a different point
 * of the Chongqing → Qinzhou → Singapore journey. Only events reported by `nowMs` are ingested.
 * Returns the number of events stored.
 */
export async function seedTrackingDemo(
  tracking: TrackingService,
  {
    bills,
    nowMs = Date.now(),
    seed = 20251201,
  }: { bills: readonly DemoShipmentBill[]; nowMs?: number; seed?: number },
): Promise<number> {
  const history = simulateCorridor({
    seed,
    fromMs: nowMs - 120 * DAY,
    toMs: nowMs - 16 * DAY,
    shipmentsPerDay: 4,
    nowMs,
  })
  const live = simulateBookings({
    seed: seed + 1,
    nowMs,
    bookings: bills.map((b, i) => ({
      bookedMs: nowMs - (BOOKED_DAYS_AGO[i % BOOKED_DAYS_AGO.length] as number) * DAY,
      transportDocumentReference: b.reference,
      ...(b.equipmentReference ? { equipmentReference: b.equipmentReference } : {}),
      ...(b.portOfDischarge ? { destination: b.portOfDischarge } : {}),
    })),
  })
  let stored = 0
  const all: readonly TrackingEvent[] = [...history.events, ...live.events]
  for (let i = 0; i < all.length; i += 5000) {
    stored += (await tracking.ingest(toBatchItems(all.slice(i, i + 5000)))).accepted
  }
  return stored
}
