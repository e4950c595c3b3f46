// One node process of the cluster bench: serves the PostgreSQL database given, prints its URL.
import { startNode } from '@landsea/server'

const running = await startNode({
  port: 0,
  seed: false,
  dataDir: process.env.BENCH_DATA_DIR!,
  databaseUrl: process.env.BENCH_DATABASE_URL!,
})
process.stdout.write(`${running.url}\n`)
