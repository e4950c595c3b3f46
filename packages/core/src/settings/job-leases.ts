/**
 * Port: leases on the node's background jobs, shared by every process on the database, so that
 * exactly one process does each unit of background work (checkpoint publishing, and with it the
 * requests to peers' witnesses). A lease is held by one holder until it lapses; its holder
 * renews it each time it works.
 */
export interface JobLeases {
  /**
   * Takes or renews the lease on `job` for `holder` until `nowMs + ttlMs`, when it is free, lapsed
   * or already this holder's. Returns whether `holder` now holds it.
   */
  claim(job: string, holder: string, nowMs: number, ttlMs: number): Promise<boolean>
  /** Gives the lease up (a process stopping), so that another takes it at once. */
  release(job: string, holder: string): Promise<void>
}
