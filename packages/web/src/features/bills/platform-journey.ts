import type { PintTransfer } from '../../lib/pint-transfers.js'

/** One stretch of a bill's journey: the platform that held it, from when (and until when). */
export interface JourneyLeg {
  readonly platform: string
  readonly from: string
  readonly until?: string
  /** The receiver's answer that handed the bill over (RECE or DUPE), on the legs after the first. */
  readonly responseCode?: string
}

/** A bill's journey across platforms, and the transfers that did not (yet) take it anywhere. */
export interface PlatformJourney {
  readonly legs: readonly JourneyLeg[]
  /** Sent and awaiting the receiver's signed answer: the bill is locked meanwhile. */
  readonly inTransit?: PintTransfer
  /** Refused by the receiver (BSIG, BENV, DISE): the bill stayed here. */
  readonly failures: readonly PintTransfer[]
}

/** How a bill came here by PINT (`GET /api/ebl/{id}/pint-arrival`): the platforms before this one. */
export interface PintArrival {
  readonly arrived: boolean
  readonly sender?: string
  readonly acceptedAt?: string
  readonly legs: readonly { platform: string; from: string; until: string }[]
}

/**
 * Which platform held the bill when, as this node knows it: a bill that came by PINT first shows
 * the platforms its chain names, then here from its acceptance; a bill issued here, here from its
 * issue; then each platform that accepted it from here (the signed RECE or DUPE, when it arrived).
 */
export function platformJourney(
  here: string,
  issuedAt: string,
  transfers: readonly PintTransfer[],
  arrival?: PintArrival,
): PlatformJourney {
  const arrivedAt = arrival?.arrived ? arrival.acceptedAt : undefined
  // Transfers out before the latest arrival are already in the chain the bill came back with.
  const byTime = [...transfers]
    .filter((t) => arrivedAt === undefined || t.updatedAt > arrivedAt)
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
  const legs: JourneyLeg[] =
    arrivedAt === undefined
      ? [{ platform: here, from: issuedAt }]
      : [...arrival!.legs, { platform: here, from: arrivedAt }]
  for (const t of byTime.filter((t) => t.status === 'TRANSFERRED')) {
    const previous = legs.pop()!
    legs.push(
      { ...previous, until: t.updatedAt },
      {
        platform: t.platform,
        from: t.updatedAt,
        ...(t.responseCode ? { responseCode: t.responseCode } : {}),
      },
    )
  }
  const inTransit = byTime.find((t) => t.status === 'SENDING')
  return {
    legs,
    ...(inTransit ? { inTransit } : {}),
    failures: byTime.filter((t) => t.status === 'REJECTED'),
  }
}
