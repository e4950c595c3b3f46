import { CommanderError, type Command } from 'commander'
import { formatError, formatErrorJson } from './cli-error.js'
import { createProgram } from './program.js'

/** Runs the CLI; prints errors without stack traces and sets a non-zero exit code on failure. */
export async function main(argv: readonly string[]): Promise<void> {
  const program = await createProgram(argv)
  const override = (command: Command): void => {
    command.exitOverride()
    command.commands.forEach(override)
  }
  override(program)
  try {
    await program.parseAsync([...argv])
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed help, the version or the usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2
      return
    }
    // A --json caller parses what it gets, errors included.
    const asJson = argv.includes('--json')
    process.stderr.write(`${asJson ? formatErrorJson(error) : formatError(error)}\n`)
    process.exitCode =
      typeof (error as { exitCode?: unknown }).exitCode === 'number'
        ? (error as { exitCode: number }).exitCode
        : 1
  }
}
