import { createDoorDeliveryEvent } from '@landsea/core/tracking'
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { createSampleCorridorBill } from '@landsea/core/ebl'
import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import { createNode, createWebhookWorker, type LandseaNode } from '@landsea/node'
import { webhookGate } from '../packages/node/src/privacy/webhook-gate.js'
import { percentile, round } from './stats.js'

// The gate's cost per webhook delivery (target: < 5% of the delivery's own cost) and per PINT
// envelope, on SQLite, with a real receiver on 127.0.0.1.
const DELIVERIES = 600
const ENVELOPES = 300

const event = (n: number, personal: boolean) =>
  createDoorDeliveryEvent({
    eventID: randomUUID(),
    reference: `LS${n}`,
    ...(personal ? { name: `Person ${n}` } : {}),
  })

const cpuMs = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since)
  return (user + system) / 1000
}

/**
 * Interleaved rounds of the webhook worker without and with the gate, `batch` deliveries a round.
 * Rounds of one: rounds of 50 (the worker's default, whose register rows are written together) run
 * 50 POSTs at once and vary more between rounds than the gate costs, so they are not compared here. Per delivery: the round's wall and CPU time over
 * `batch`; with one a round, also the gate's own time (measured inside it). The register's leaves
 * and the intents' settlement are not in the send path: the privacy job's run after the rounds
 * (seal + settle) is timed and shared among the deliveries.
 */
async function deliveries(node: LandseaNode, url: string, personal: boolean, batch: number) {
  const subscriptionID = randomUUID()
  await node.subscriptions.create({
    subscriptionID,
    callbackUrl: url,
    filter: {},
    alerts: {},
    createdDateTime: new Date().toISOString(),
    owner: 'bench',
    secret: 'a-very-long-shared-secret',
  })
  const gate = webhookGate(node.privacy, node.identity.name)
  const gateMs: number[] = []
  const gateCpu: number[] = []
  const timed: typeof gate.beforeSend = async (delivery) => {
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    try {
      return await gate.beforeSend(delivery)
    } finally {
      gateCpu.push(cpuMs(c0))
      gateMs.push(performance.now() - t0)
    }
  }
  const plainWorker = createWebhookWorker({ subscriptions: node.subscriptions, batchSize: batch })
  const gatedWorker = createWebhookWorker({
    subscriptions: node.subscriptions,
    batchSize: batch,
    beforeSend: batch === 1 ? timed : gate.beforeSend,
  })
  const wall = { plain: [] as number[], gated: [] as number[] }
  const cpu = { plain: [] as number[], gated: [] as number[] }
  const rounds = Math.round(DELIVERIES / batch)
  for (let i = 0; i < rounds * 2; i++) {
    await node.subscriptions.enqueue(
      Array.from({ length: batch }, (_, k) => ({
        deliveryID: randomUUID(),
        subscriptionID,
        kind: 'EVENTS' as const,
        payload: JSON.stringify([event(i * batch + k, personal)]),
        status: 'PENDING' as const,
        attempts: 0,
        nextAttemptMs: 0,
        createdAt: new Date().toISOString(),
      })),
    )
    // Let the previous round's connection work (keep-alive, stream ends) finish first, so that it
    // is not counted in this round's time.
    await new Promise((resolve) => setTimeout(resolve, 1))
    const side = i % 2 === 0 ? 'plain' : 'gated'
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    await (side === 'plain' ? plainWorker : gatedWorker).runOnce()
    cpu[side].push(cpuMs(c0) / batch)
    wall[side].push((performance.now() - t0) / batch)
  }
  // The privacy job: the pending rows' leaves in one append, the ended deliveries settled.
  const j0 = process.cpuUsage()
  await gate.reconcile()
  return { n: rounds * batch, wall, cpu, gateMs, gateCpu, jobMs: cpuMs(j0) / (rounds * batch) }
}

const pct = (part: number, whole: number) => `${round((part / whole) * 100, 1)}%`

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
  await node.privacy.setPolicy({
    ...defaultPrivacyPolicy('CN'),
    recipients: [{ id: new URL(url).origin, country: 'SG' }],
  })
  try {
    // Warm-up of both paths (the JIT, the register's first read).
    await deliveries(node, url, false, 1)
    await deliveries(node, url, true, 1)
    const rows = []
    for (const [label, personal, batch] of [
      ['no personal data (sent as is), 1 a round', false, 1],
      ['a person named (minimised, register row), 1 a round', true, 1],
    ] as const) {
      const { n, wall, cpu, gateMs, gateCpu, jobMs } = await deliveries(node, url, personal, batch)
      const plainWall = percentile(wall.plain, 50)
      const plainCpu = percentile(cpu.plain, 50)
      // The gate's added cost: gated minus plain delivery (p50s), plus the job's share.
      const addedCpu = percentile(cpu.gated, 50) - plainCpu + jobMs
      rows.push({
        'webhook delivery': label,
        n,
        'wall p50 ms: no gate': round(plainWall, 3),
        'wall p50 ms: gated': round(percentile(wall.gated, 50), 3),
        'gate p50 ms (inside)': batch === 1 ? round(percentile(gateMs, 50), 3) : '-',
        'gate CPU p50 ms (inside)': batch === 1 ? round(percentile(gateCpu, 50), 3) : '-',
        'job CPU ms (seal + settle)': round(jobMs, 4),
        'CPU p50 ms: no gate': round(plainCpu, 3),
        'CPU p50 ms: gated': round(percentile(cpu.gated, 50), 3),
        'added CPU / delivery CPU': pct(addedCpu, plainCpu),
        '(gate inside + job) / delivery CPU':
          batch === 1 ? pct(percentile(gateCpu, 50) + jobMs, plainCpu) : '-',
      })
    }
    console.table(rows)
    console.log(
      "per delivery. delivery = the worker's lease, POST to an in-process receiver (its CPU counted), the attempt's record. The gate's cost = beforeSend (decision, minimised copy, the register row) + the privacy job's seal (leaves) and settlement, shared per delivery; 'added' = gated minus plain round, plus the job.",
    )

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
  } finally {
    await node.close()
    await new Promise((resolve) => server.close(resolve))
  }
}
