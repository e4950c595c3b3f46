export { CliError, formatError } from './cli-error.js'
export { main } from './main.js'
export { createProgram } from './program.js'
