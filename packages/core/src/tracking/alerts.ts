import type { Timeline } from './timeline.js'
import type { AlertThresholds } from './subscription.js'

/** Kinds of alert a subscription can raise. */
export type AlertKind = 'DELAY' | 'CUSTOMS_HOLD' | 'ETA_CHANGE'

/** An alert raised by a change of a shipment's timeline or predicted arrival. */
export interface Alert {
  readonly kind: AlertKind
  readonly message: string
  readonly delayHours?: number
  readonly etaChangeHours?: number
}

/** What {@link detectAlerts} compares: the timeline and P50 arrival before and after an event. */
export interface AlertInput {
  readonly before: Timeline | undefined
  readonly after: Timeline
  readonly previousEtaP50Ms?: number
  readonly etaP50Ms?: number
  readonly thresholds: AlertThresholds
}

/**
 * Alerts raised by one step of a timeline: a delay crossing the threshold, a new customs hold,
 * or a P50 arrival moving by more than the threshold. An alert fires when the condition starts,
 * not again while it lasts.
 */
export function detectAlerts(input: AlertInput): readonly Alert[] {
  const { before, after, thresholds } = input
  const alerts: Alert[] = []
  const limit = thresholds.delayHours
  if (limit !== undefined && after.delayHours >= limit && (before?.delayHours ?? 0) < limit) {
    alerts.push({
      kind: 'DELAY',
      delayHours: after.delayHours,
      message: `shipment is ${after.delayHours} h behind plan (threshold ${limit} h)`,
    })
  }
  if (
    (thresholds.isCustomsHoldAlert ?? true) &&
    after.customs.status === 'HELD' &&
    before?.customs.status !== 'HELD'
  ) {
    const held = after.customs.declarations.find((d) => d.milestoneCode === 'HELD')
    alerts.push({
      kind: 'CUSTOMS_HOLD',
      message: `customs hold on declaration ${held?.declarationNumber ?? '?'} by ${held?.authority ?? '?'}`,
    })
  }
  const change = thresholds.etaChangeHours
  if (
    change !== undefined &&
    input.previousEtaP50Ms !== undefined &&
    input.etaP50Ms !== undefined
  ) {
    const hours = Math.round(((input.etaP50Ms - input.previousEtaP50Ms) / 3_600_000) * 10) / 10
    if (Math.abs(hours) >= change) {
      alerts.push({
        kind: 'ETA_CHANGE',
        etaChangeHours: hours,
        message: `predicted arrival moved by ${hours} h (threshold ${change} h)`,
      })
    }
  }
  return alerts
}
