/** A problem found in an input: where (a JSON-pointer-like path), what (a stable code) and why. */
export interface Issue {
  readonly path: string
  readonly code: string
  readonly message: string
  /** For a refusal by a standard's schema: the rule's place in it (`dcsa-ebl-3.0.3#/components/…`). */
  readonly schemaPath?: string
}

/** What every Landsea error may carry besides its code and message. */
export interface LandseaErrorOptions<I extends Issue = Issue> {
  readonly cause?: unknown
  /** Every problem found, for a validation failure (STYLE rule 10). */
  readonly issues?: readonly I[]
}

/**
 * The base of every area's error class (jose's `JOSEError`, sigstore's `BaseError<T>`): a stable
 * `code` from the area's string-literal union that callers branch on, a message for humans, an
 * optional list of issues and the `cause`. `name` is the subclass's name, e.g. `LedgerError`.
 *
 * @example
 * export class LedgerError extends LandseaError<LedgerErrorCode> {}
 * throw new LedgerError('LEDGER_SIZE_INVALID', 'the tree has 3 leaves')
 */
export class LandseaError<Code extends string = string, I extends Issue = Issue> extends Error {
  readonly code: Code
  readonly issues: readonly I[] | undefined

  constructor(code: Code, message: string, options?: LandseaErrorOptions<I>) {
    super(message, options)
    this.code = code
    this.issues = options?.issues
    this.name = this.constructor.name
  }
}
