export { LandseaError, type Issue, type LandseaErrorOptions } from './landsea-error.js'
