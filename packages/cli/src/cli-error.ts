/** A failure to report to the user: a stable code, a message, optional issues; the process exits non-zero. */
export class CliError extends Error {
  readonly code: string
  readonly exitCode: number

  constructor(code: string, message: string, { exitCode = 1 }: { exitCode?: number } = {}) {
    super(message)
    this.code = code
    this.exitCode = exitCode
    this.name = this.constructor.name
  }
}

/** Formats any error for a terminal: `error CODE: message` and one line per issue. Never a stack trace. */
export function formatError(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string'
  ) {
    const e = error as {
      code: string
      message?: string
      issues?: { path: string; message: string }[]
    }
    const lines = [`error ${e.code}: ${e.message ?? ''}`]
    for (const issue of e.issues ?? []) lines.push(`  ${issue.path || '/'}: ${issue.message}`)
    return lines.join('\n')
  }
  return `error: ${error instanceof Error ? error.message : String(error)}`
}

/**
 * An error as the JSON a `--json` caller parses, on stderr: `{ "error": { code, message, issues? } }`,
 * the shape of the API's errors. An error without a code of ours is `CLI_ERROR`.
 */
export function formatErrorJson(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown
    message?: unknown
    issues?: unknown
  }
  const code = typeof e.code === 'string' ? e.code : 'CLI_ERROR'
  const message =
    typeof e.message === 'string'
      ? e.message
      : error instanceof Error
        ? error.message
        : String(error)
  return JSON.stringify({
    error: { code, message, ...(Array.isArray(e.issues) ? { issues: e.issues } : {}) },
  })
}
