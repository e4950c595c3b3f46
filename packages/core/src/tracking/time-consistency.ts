import type { PreparedEvent } from './event-batch.js'
import type { TrackingIssue } from './tracking-error.js'

/** The part of a stored event {@link findTimeContradiction} compares against. */
export interface TransportMilestoneTime {
  readonly eventID: string
  readonly typeCode: string
  readonly eventMs: number
  readonly transportCallID: string | undefined
  readonly transportCallSequenceNumber: number | undefined
  readonly conveyanceKey: string | undefined
}

/** Whether an event is an actual (ACT) TRANSPORT event, the kind the time rules compare. */
export function isActualTransport(e: PreparedEvent): boolean {
  return e.event.eventType === 'TRANSPORT' && e.event.eventClassifierCode === 'ACT'
}

/**
 * Finds an impossible time between an actual TRANSPORT event and the actual (ACT) TRANSPORT
 * events already known for the same shipment (`known` must hold only those): a departure before
 * the arrival at the same transport call, or an arrival at a later call of the same conveyance
 * (by `transportCallSequenceNumber`) before the departure from an earlier one. Events arriving
 * out of order are fine as long as the times agree.
 */
export function findTimeContradiction(
  candidate: PreparedEvent,
  known: readonly TransportMilestoneTime[],
): TrackingIssue | undefined {
  if (!isActualTransport(candidate)) return undefined
  for (const other of known) {
    if (other.eventID === candidate.eventID) continue
    const [dep, arr] = candidate.typeCode === 'DEPA' ? [candidate, other] : [other, candidate]
    if (dep.typeCode !== 'DEPA' || arr.typeCode !== 'ARRI') continue
    const sameCall =
      dep.transportCallID !== undefined && dep.transportCallID === arr.transportCallID
    if (sameCall && dep.eventMs < arr.eventMs) {
      return {
        path: '/eventDateTime',
        code: 'TRACKING_TIME_IMPOSSIBLE',
        message: `departure from ${dep.transportCallID} before the arrival there`,
      }
    }
    const depSeq = dep.transportCallSequenceNumber
    const arrSeq = arr.transportCallSequenceNumber
    const sameConveyance =
      dep.conveyanceKey !== undefined && dep.conveyanceKey === arr.conveyanceKey
    if (
      sameConveyance &&
      depSeq !== undefined &&
      arrSeq !== undefined &&
      arrSeq > depSeq &&
      arr.eventMs <= dep.eventMs
    ) {
      return {
        path: '/eventDateTime',
        code: 'TRACKING_TIME_IMPOSSIBLE',
        message: `arrival at call ${arrSeq} before the departure from call ${depSeq}`,
      }
    }
  }
  return undefined
}
