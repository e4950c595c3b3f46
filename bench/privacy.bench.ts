import type { TransferRecord } from '@landsea/core/privacy'
import { createDoorDeliveryEvent } from '@landsea/core/tracking'
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { createServer } from 'node:http'
import { loadavg } from 'node:os'
import { createSampleCorridorBill } from '@landsea/core/ebl'
import { defaultPrivacyPolicy, findPersonalData } from '@landsea/core/privacy'
import { createNode, createWebhookWorker, type LandseaNode } from '@landsea/node'
import { openTestDatabase } from '@landsea/storage/testing'
import { standardsPersonalDataLocator } from '../packages/node/src/privacy/personal-data.js'
import { subjectOfEach } from '../packages/node/src/privacy/subjects.js'
import { webhookGate } from '../packages/node/src/privacy/webhook-gate.js'
import { floorEnqueue, floorRecordOf, floorTemplate } from './privacy-floor.js'
import { noServerCpu, postgresServerCpu, type ServerCpu } from './server-cpu.js'
import { percentile, round } from './stats.js'

// The gate's cost per webhook delivery (target: < 5% of the delivery's own cost) and per PINT
// envelope, on SQLite, with a real receiver on 127.0.0.1.
const DELIVERIES = 600
const ENVELOPES = 300

/**
 * Who an event names: no one; a person never named before (`fresh`: a name of its own, so no
 * keyed hash of it can be remembered); or the same person in every event (`repeated`: a
 * consignee's contact named in each event of a shipment).
 */
type Named = 'none' | 'fresh' | 'repeated'

/** The person the `n`th event names. */
const nameOf = (n: number, named: Named) =>
  named === 'fresh' ? `Person ${n}` : named === 'repeated' ? 'Tan Ah Kow' : undefined

const event = (n: number, named: Named) => {
  const name = nameOf(n, named)
  return createDoorDeliveryEvent({
    eventID: randomUUID(),
    reference: `LS${n}`,
    ...(name ? { name } : {}),
  })
}

/**
 * What the ingest's event vault hands with a delivery's events (not the gate's cost: the vault
 * finds them when it stores the events): the personal values it found in the body and their
 * subjects, and the subjects' keyed hashes; none when it found none.
 */
async function ingestFindingsOf(node: LandseaNode, body: readonly unknown[]) {
  const locator = standardsPersonalDataLocator()
  const found = findPersonalData(body, locator)
  if (found.length === 0) return {}
  const subjects = subjectOfEach(found)
  const subjectHashes = new Map<string, string>()
  for (const id of subjects) subjectHashes.set(id, await node.privacy.subjectHash(id))
  return { subjectHashes, personalValues: { found, subjects, locator } }
}

/**
 * The CPU counted for a step: this process's, plus on PostgreSQL the server backends' serving the
 * node (`backends`, set per node), each read outside the other's window.
 */
let backends: ServerCpu = noServerCpu
const cpuNow = () => ({ server: backends.ms(), own: process.cpuUsage() })
const cpuMs = (since: ReturnType<typeof cpuNow>) => {
  const { user, system } = process.cpuUsage(since.own)
  return (user + system) / 1000 + backends.ms() - since.server
}

type Arm = 'plain' | 'at send' | 'at enqueue' | 'floor'
const ARMS: readonly Arm[] = ['plain', 'at send', 'at enqueue']

/**
 * Interleaved iterations of three arms, `batch` deliveries each: `plain` enqueues and delivers with
 * no gate; `at send` enqueues plainly and the gate decides (and writes the register row) before the
 * POST, as before this change (the worker still does this for a delivery queued undecided); `at
 * enqueue` decides the batch when it is enqueued, rows and queue entries in one transaction, and
 * the worker sends what was decided. Per delivery: the enqueue's CPU and wall time over `batch`
 * (ingest enqueues one delivery per matching subscription: `batch` subscribers), and the worker's
 * round of one delivery (lease, POST, attempt record). The privacy job's seal and settlement run
 * after the iterations and are shared among the gated deliveries. `isOneEvent`: every subscriber
 * receives the same event, the same text (what an ingest sends when their filters match alike).
 * Given a record `template`, a fourth arm, `floor`, does only the required work of each crossing
 * (bench/privacy-floor.ts) and is delivered by the plain worker.
 */
async function deliveries(
  node: LandseaNode,
  url: string,
  personal: Named,
  batch: number,
  isOneEvent = false,
  template?: TransferRecord,
) {
  const arms: readonly Arm[] = template ? [...ARMS, 'floor'] : ARMS
  const subscriptions = []
  for (let k = 0; k < batch; k++) {
    const subscription = {
      subscriptionID: randomUUID(),
      callbackUrl: url,
      filter: {},
      alerts: {},
      createdDateTime: new Date().toISOString(),
      owner: 'bench',
      secret: 'a-very-long-shared-secret',
    }
    await node.subscriptions.create(subscription)
    subscriptions.push(subscription)
  }
  const gate = webhookGate(node.privacy, node.identity.name)
  const plainWorker = createWebhookWorker({ subscriptions: node.subscriptions, batchSize: 1 })
  const gatedWorker = createWebhookWorker({
    subscriptions: node.subscriptions,
    batchSize: 1,
    beforeSend: gate.beforeSend,
  })
  const empty = () => ({ enqueue: [] as number[], round: [] as number[] })
  const cpu = { plain: empty(), 'at send': empty(), 'at enqueue': empty(), floor: empty() }
  const wall = { plain: empty(), 'at send': empty(), 'at enqueue': empty(), floor: empty() }
  const iterations = Math.round(DELIVERIES / batch) * arms.length
  const keyedHashMs: number[] = []
  for (let i = 0; i < iterations; i++) {
    const arm = arms[i % arms.length]!
    // One event to every subscriber (as an ingest sends it), or an event of its own to each.
    // Each delivery carries its events and their text, as the ingest enqueues them (`body`), the
    // personal values its vault found in them and their subjects' keyed hashes.
    const shared = isOneEvent ? [event(i * batch, personal)] : undefined
    const text = shared && JSON.stringify(shared)
    const bodies = subscriptions.map((_, k) => shared ?? [event(i * batch + k, personal)])
    // The floor's subjects' keyed hashes are its own timed work: none made (and remembered) here.
    const hashes =
      arm === 'floor' ? [] : await Promise.all(bodies.map((body) => ingestFindingsOf(node, body)))
    const queued = subscriptions.map((s, k) => {
      const body = bodies[k]!
      return {
        ...hashes[k],
        deliveryID: randomUUID(),
        subscriptionID: s.subscriptionID,
        kind: 'EVENTS' as const,
        payload: text ?? JSON.stringify(body),
        body,
        status: 'PENDING' as const,
        attempts: 0,
        nextAttemptMs: 0,
        createdAt: new Date().toISOString(),
      }
    })
    const records = arm === 'floor' ? queued.map((d) => floorRecordOf(template!, d)) : []
    const subjects =
      arm === 'floor'
        ? bodies.map((_, k) => nameOf(shared ? i * batch : i * batch + k, personal)!)
        : []
    await new Promise((resolve) => setTimeout(resolve, 1))
    let t0 = performance.now()
    let c0 = cpuNow()
    if (arm === 'at enqueue') await gate.enqueue(queued, subscriptions)
    else if (arm === 'floor')
      keyedHashMs.push((await floorEnqueue(node, queued, records, subjects)) / batch)
    else await node.subscriptions.enqueue(queued)
    cpu[arm].enqueue.push(cpuMs(c0) / batch)
    wall[arm].enqueue.push((performance.now() - t0) / batch)
    for (let k = 0; k < batch; k++) {
      // Let the previous round's connection work (keep-alive, stream ends) finish first, so that
      // it is not counted in this round's time.
      await new Promise((resolve) => setTimeout(resolve, 1))
      t0 = performance.now()
      c0 = cpuNow()
      await (arm === 'plain' || arm === 'floor' ? plainWorker : gatedWorker).runOnce()
      cpu[arm].round.push(cpuMs(c0))
      wall[arm].round.push(performance.now() - t0)
    }
  }
  // The privacy job: the pending rows' leaves in one append (the seal, timed alone: the floor's
  // share), then the ended deliveries settled; shared among the deliveries of every arm but plain.
  const s0 = cpuNow()
  await node.privacy.register.seal()
  const sealMs = cpuMs(s0)
  const j0 = cpuNow()
  await gate.reconcile()
  const n = (iterations / arms.length) * batch
  const gated = n * (arms.length - 1)
  return {
    n,
    wall,
    cpu,
    jobMs: (sealMs + cpuMs(j0)) / gated,
    sealMs: sealMs / gated,
    arms,
    keyedHashMs,
  }
}

const pct = (part: number, whole: number) => `${round((part / whole) * 100, 1)}%`

/** Prints the webhook rows of one node (the arms interleaved, after a warm-up of every arm). */
async function webhookRows(node: LandseaNode, url: string) {
  await node.privacy.setPolicy({
    ...defaultPrivacyPolicy('CN'),
    recipients: [{ id: new URL(url).origin, country: 'SG' }],
  })
  // Warm-up of every arm (the JIT, the register's first read).
  await deliveries(node, url, 'none', 1)
  await deliveries(node, url, 'fresh', 1)
  // The floor arm's records copy one the gate wrote in the warm-up.
  const template = await floorTemplate(node)
  const rows = []
  const floors = []
  for (const [label, personal, batch, isOneEvent] of [
    ['no personal data', 'none', 1, false],
    ['a person named (fresh)', 'fresh', 1, false],
    ['a person named (repeated)', 'repeated', 1, false],
    ['no personal data', 'none', 10, false],
    ['a person named (fresh)', 'fresh', 10, false],
    ['a person named (fresh), one event to all', 'fresh', 10, true],
  ] as const) {
    const load = loadavg()[0]!
    await backends.refresh()
    // The floor arm where the gate's share is furthest from the target: a person named, one a batch.
    const withFloor = personal !== 'none' && batch === 1 ? template : undefined
    const { n, wall, cpu, jobMs, sealMs, arms, keyedHashMs } = await deliveries(
      node,
      url,
      personal,
      batch,
      isOneEvent,
      withFloor,
    )
    const p50 = (values: number[]) => percentile(values, 50)
    // The delivery's own cost: the plain worker round (lease, POST, attempt record).
    const own = p50(cpu.plain.round)
    for (const arm of arms) {
      // What the gate adds: the arm's enqueue and round over the plain ones (p50s), plus the job
      // (the floor: the seal's share only).
      const job = arm === 'floor' ? sealMs : jobMs
      const added =
        arm === 'plain'
          ? 0
          : p50(cpu[arm].enqueue) - p50(cpu.plain.enqueue) + p50(cpu[arm].round) - own + job
      rows.push({
        'webhook delivery': `${label}, ${batch} a batch`,
        gate: arm,
        n,
        'enqueue CPU': round(p50(cpu[arm].enqueue), 3),
        'enqueue wall': round(p50(wall[arm].enqueue), 3),
        'round CPU': round(p50(cpu[arm].round), 3),
        'round wall': round(p50(wall[arm].round), 3),
        'job CPU': arm === 'plain' ? '-' : round(job, 4),
        'gate adds CPU': round(added, 3),
        'of delivery CPU': arm === 'plain' ? '-' : pct(added, own),
        load: `${round(load, 1)}-${round(loadavg()[0]!, 1)}`,
      })
    }
    if (withFloor) {
      // The floor's parts: its keyed hash; its enqueue over the plain one without the hash (the
      // register row, the transaction, the record's text); its share of the seal.
      const hashed = p50(keyedHashMs)
      floors.push({
        'floor (required work)': `${label}, ${batch} a batch`,
        'keyed hash CPU': round(hashed, 4),
        'row and transaction CPU': round(
          p50(cpu.floor.enqueue) - p50(cpu.plain.enqueue) - hashed,
          4,
        ),
        'seal CPU': round(sealMs, 4),
        'delivery CPU': round(own, 3),
      })
    }
  }
  console.table(rows)
  console.log(
    "per delivery, ms p50. delivery = the plain worker round: lease, POST to an in-process receiver (its CPU counted), the attempt's record. 'gate adds' = (arm's enqueue − plain enqueue) + (arm's round − plain round) + the privacy job's seal and settlement shared per gated delivery; enqueue per delivery = the batch's time over its deliveries (one per subscriber). floor = the issue's required work only (bench/privacy-floor.ts): the subject's keyed hash, the register row in the queue entry's transaction, its share of the seal.",
  )
  console.table(floors)
}

export async function run(): Promise<void> {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.end())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`
  const node = await createNode({
    inMemory: true,
    identity: { name: 'CN node', jurisdiction: 'CN' },
  })
  try {
    await webhookRows(node, url)

    const bill = createSampleCorridorBill({ reference: 'LSBENCH0001', carrier: 'c', shipper: 's' })
    const envelopeMs: number[] = []
    for (let i = 0; i < ENVELOPES; i++) {
      const payload = {
        transportDocument: {
          ...bill,
          partyContactDetails: [{ name: `Person ${i}`, email: `p${i}@example.cn` }],
        },
      }
      const t0 = performance.now()
      await node.privacy.checkOutbound({
        channel: 'pint',
        exporter: 'org-cq',
        recipient: 'sg-platform',
        recipientCountry: 'SG',
        purpose: 'title-transfer',
        payload,
      })
      envelopeMs.push(performance.now() - t0)
    }
    console.table([
      {
        'PINT envelope through the gate (sent + register row)': 'transport document, 1 contact',
        n: ENVELOPES,
        'p50 ms': round(percentile(envelopeMs, 50), 3),
        'p99 ms': round(percentile(envelopeMs, 99), 3),
      },
    ])
    if (process.env.DATABASE_URL) {
      // The same rows on PostgreSQL (a fresh database): each statement is a round trip.
      const database = await openTestDatabase('postgres')
      const onPostgres = await createNode({
        database,
        identity: { name: 'CN node', jurisdiction: 'CN' },
      })
      try {
        console.log(
          "PostgreSQL (CPU = this process's + the server backends' serving the node, /proc/<pid>/schedstat):",
        )
        backends = await postgresServerCpu(database.db as Kysely<unknown>)
        await webhookRows(onPostgres, url)
      } finally {
        backends = noServerCpu
        // Closing the node destroys its database (a fresh one: dropped).
        await onPostgres.close()
      }
    }
  } finally {
    await node.close()
    await new Promise((resolve) => server.close(resolve))
  }
}
