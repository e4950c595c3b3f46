export {
  calibrateEtaModel,
  evaluateEta,
  horizonsOf,
  OVERALL,
  type EtaEvaluation,
  type EtaHorizon,
  type HorizonResult,
} from './evaluate-eta.js'
export { recentCalibrationOf, type RecentCalibrationOptions } from './evaluation-cases.js'
export {
  createRollingCalibration,
  type AppliedCalibration,
  type CalibrationBasis,
  type CalibrationScore,
  type RollingCalibration,
  type RollingCalibrationOptions,
} from './rolling-calibration.js'
export {
  createAdaptiveLevel,
  withAdaptiveLevel,
  type AdaptiveLevel,
  type AdaptiveLevelOptions,
  type TailFactors,
} from './adaptive-level.js'
export {
  anchorKeyOf,
  learnEtaModel,
  segmentFor,
  typicalEndMs,
  type EtaModel,
  type LearnEtaOptions,
  type SegmentDistribution,
} from './eta-model.js'
export {
  estimateEta,
  type EstimateEtaOptions,
  type EtaEstimate,
  type EtaQuantiles,
  type MilestoneEta,
} from './estimate-eta.js'
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
export { type DepartureCarry } from './departure-carry.js'
export { createNowcast, type Nowcast, type NowcastOptions, type SegmentShift } from './nowcast.js'
export { chooseNowcasts, compareNowcasts, type NowcastComparison } from './nowcast-choice.js'
