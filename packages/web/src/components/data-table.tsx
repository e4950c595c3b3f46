import type { Key, ReactNode } from 'react'
import { Empty } from './states.js'

/** One column of a {@link DataTable}: its header and how a row fills its cell. */
export interface Column<Row> {
  readonly header: ReactNode
  readonly cell: (row: Row) => ReactNode
  readonly className?: string
}

/**
 * The dashboard's table: a scrollable wrapper, one header row, a row per item; `empty` shows in
 * place of a table without rows (omit it to show nothing).
 */
export function DataTable<Row>({
  rows,
  columns,
  rowKey,
  rowProps,
  empty,
  testId,
}: {
  rows: readonly Row[]
  columns: readonly Column<Row>[]
  rowKey: (row: Row, index: number) => Key
  /** Attributes of a row's `<tr>` (a state class, a data attribute). */
  rowProps?: (row: Row) => Record<string, string | boolean | undefined>
  empty?: ReactNode
  testId?: string
}) {
  if (rows.length === 0) return empty === undefined ? null : <Empty>{empty}</Empty>
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)} {...rowProps?.(row)}>
              {columns.map((column, i) => (
                <td key={i} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
