export {
  calibrateEtaModel,
  evaluateEta,
  horizonsOf,
  OVERALL,
  type EtaEvaluation,
  type EtaHorizon,
  type HorizonResult,
} from './evaluate-eta.js'
export {
  anchorKeyOf,
  estimateEta,
  learnEtaModel,
  segmentFor,
  typicalEndMs,
  type EstimateEtaOptions,
  type EtaEstimate,
  type EtaModel,
  type EtaQuantiles,
  type LearnEtaOptions,
  type MilestoneEta,
  type SegmentDistribution,
} from './eta-model.js'
export {
  destinationOf,
  horizonKey,
  isCompleted,
  journeyAsOf,
  journeyFromEvents,
  routeOf,
  segmentKey,
  type Journey,
  type JourneyStop,
} from './journey.js'
export { cdfOfSorted, ksDiffers, quantileOfSorted } from './quantiles.js'
export { createNowcast, type Nowcast, type NowcastOptions } from './nowcast.js'
