import cluster from 'node:cluster'

/**
 * Runs `workers` node processes with node:cluster: they share the listening port (the primary
 * hands connections to them), and each opens its own pool on the one PostgreSQL database. A worker
 * that dies is replaced; SIGINT/SIGTERM stop them all. Returns once the workers are forked; the
 * primary serves nothing itself.
 */
export function runClusterPrimary(workers: number): void {
  let stopping = false
  const fork = () => cluster.fork()
  for (let i = 0; i < workers; i++) fork()
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    process.stderr.write(`worker ${worker.id} exited (${signal ?? code}); starting another\n`)
    fork()
  })
  const stop = () => {
    stopping = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/** Whether this process is a cluster worker, and which. */
export const clusterWorkerId = (): number | undefined =>
  cluster.isWorker ? cluster.worker?.id : undefined
