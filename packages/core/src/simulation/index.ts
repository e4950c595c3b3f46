export { CORRIDOR_MODEL, KNOT_KMH, type Destination } from './corridor-model.js'
export { simulatedUuid } from './event-factory.js'
export { createRandom, type Random } from './random.js'
export {
  simulateBookings,
  simulateCorridor,
  type Booking,
  type CorridorSimulation,
  type SimulateCorridorOptions,
  type SimulatedShipment,
} from './simulate-corridor.js'
export {
  CORRIDOR_SCENARIOS,
  corridorScenario,
  type CorridorScenario,
  type CorridorScenarioName,
  type PortClosure,
} from './corridor-scenario.js'
export { drawFinalArrival, type CorridorDraws } from './corridor-process.js'
