export { buildApp, type AppDependencies } from './app.js'
export {
  ApiError,
  STATUS_BY_CODE,
  statusForCode,
  type ApiErrorCode,
  type ErrorCode,
} from './errors.js'
export { startNode, type RunningNode, type StartOptions } from './main.js'
export { startWitness, type RunningWitness } from './standalone-witness.js'
