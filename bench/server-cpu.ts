import { readFileSync } from 'node:fs'
import { sql, type Kysely } from 'kysely'

/**
 * The CPU time of the PostgreSQL server processes that serve one database (its client backends),
 * read from Linux's `/proc/<pid>/schedstat` (nanoseconds on the CPU; the server runs on this
 * machine). A bench adds it to `process.cpuUsage` so that a statement's cost counts where it is
 * spent. `refresh` lists the backends again (the pool opens connections as it needs them).
 */
export interface ServerCpu {
  /** Milliseconds on the CPU so far, summed over the listed backends. */
  readonly ms: () => number
  readonly refresh: () => Promise<void>
}

/** No server (SQLite in the process): nothing to add. */
export const noServerCpu: ServerCpu = { ms: () => 0, refresh: async () => {} }

export async function postgresServerCpu(db: Kysely<unknown>): Promise<ServerCpu> {
  let pids: number[] = []
  const refresh = async () => {
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity
      where datname = current_database() and backend_type = 'client backend'`.execute(db)
    pids = rows.map((row) => Number(row.pid))
  }
  await refresh()
  const ms = () => {
    let ns = 0
    for (const pid of pids) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/schedstat`, 'latin1').split(' ', 1)[0])
      } catch {
        // A backend that has ended since the last refresh: its time is no longer counted.
      }
    }
    return ns / 1e6
  }
  return { ms, refresh }
}
