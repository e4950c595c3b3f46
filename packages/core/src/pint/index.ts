export * from './action-mapping.js'
export * from './envelope.js'
export * from './pint-error.js'
export * from './ports.js'
