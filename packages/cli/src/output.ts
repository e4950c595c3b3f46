/** Prints data as JSON (for scripts) or as text lines (for people). */
export function print(isJson: boolean | undefined, data: unknown, text: () => string): void {
  process.stdout.write(`${isJson ? JSON.stringify(data, null, 2) : text()}\n`)
}

/** Formats rows as an aligned text table. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = []
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)))
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
