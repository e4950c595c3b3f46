export {
  calibrateEtaModel,
  CORRIDOR_HORIZONS,
  evaluateEta,
  type EtaEvaluation,
  type EtaHorizon,
  type HorizonResult,
} from './evaluate-eta.js'
export {
  anchorKeyOf,
  estimateEta,
  learnEtaModel,
  type EstimateEtaOptions,
  type EtaEstimate,
  type EtaModel,
  type EtaQuantiles,
  type LearnEtaOptions,
  type MilestoneEta,
  type SegmentDistribution,
} from './eta-model.js'
export {
  isCompleted,
  journeyAsOf,
  journeyFromEvents,
  segmentKey,
  type Journey,
  type JourneyStop,
} from './journey.js'
export { cdfOfSorted, ksDiffers, quantileOfSorted } from './quantiles.js'
