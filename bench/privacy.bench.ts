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

const event = (n: number, personal: boolean) => ({
  eventID: randomUUID(),
  eventCreatedDateTime: '2026-05-02T06:10:00Z',
  eventClassifierCode: 'ACT',
  eventDateTime: '2026-05-02T06:00:00Z',
  eventType: 'EQUIPMENT',
  equipmentEventTypeCode: 'GTIN',
  emptyIndicatorCode: 'LADEN',
  equipmentReference: 'APZU4812090',
  eventLocation: {
    locationName: 'Consignee door',
    UNLocationCode: 'SGSIN',
    ...(personal ? { address: { name: `Person ${n}`, city: 'Singapore' } } : {}),
  },
  documentReferences: [{ documentReferenceType: 'TRD', documentReferenceValue: `LS${n}` }],
})

const cpuMs = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since)
  return (user + system) / 1000
}

/**
 * Interleaved deliveries with and without the gate; the gate's own time is measured inside it, and
 * its CPU time too. The register's leaves and the intents' settlement are not in the send path: the
 * privacy job's run after the deliveries (seal + settle) is timed and shared among them.
 */
async function deliveries(
  node: LandseaNode,
  url: string,
  personal: boolean,
): Promise<{
  plain: number[]
  gated: number[]
  gate: number[]
  plainCpu: number[]
  gateCpu: number[]
  job: number
}> {
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
  const plainCpu: number[] = []
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
  const plainWorker = createWebhookWorker({ subscriptions: node.subscriptions, batchSize: 1 })
  const gatedWorker = createWebhookWorker({
    subscriptions: node.subscriptions,
    batchSize: 1,
    beforeSend: timed,
  })
  const plain: number[] = []
  const gated: number[] = []
  for (let i = 0; i < DELIVERIES * 2; i++) {
    await node.subscriptions.enqueue([
      {
        deliveryID: randomUUID(),
        subscriptionID,
        kind: 'EVENTS',
        payload: JSON.stringify([event(i, personal)]),
        status: 'PENDING',
        attempts: 0,
        nextAttemptMs: 0,
        createdAt: new Date().toISOString(),
      },
    ])
    // Let the previous delivery's connection work (keep-alive, stream ends) finish first, so that
    // it is not counted in this one's, nor in the gate's time.
    await new Promise((resolve) => setTimeout(resolve, 1))
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    await (i % 2 === 0 ? plainWorker : gatedWorker).runOnce()
    if (i % 2 === 0) plainCpu.push(cpuMs(c0))
    ;(i % 2 === 0 ? plain : gated).push(performance.now() - t0)
  }
  // The privacy job: the pending rows' leaves in one append, the ended deliveries settled.
  const j0 = process.cpuUsage()
  await gate.reconcile()
  return { plain, gated, gate: gateMs, plainCpu, gateCpu, job: cpuMs(j0) }
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
  await node.privacy.setPolicy({
    ...defaultPrivacyPolicy('CN'),
    recipients: [{ id: new URL(url).origin, country: 'SG' }],
  })
  try {
    // Warm-up of both paths (the JIT, the register's first read).
    await deliveries(node, url, false)
    await deliveries(node, url, true)
    const rows = []
    for (const [label, personal] of [
      ['event without personal data (sent as is)', false],
      ['event naming a person (minimised, register row; leaf at the seal)', true],
    ] as const) {
      const { plain, gated, gate, plainCpu, gateCpu, job } = await deliveries(node, url, personal)
      const delivery = percentile(plain, 50)
      const n = plain.length
      const jobMs = job / n
      rows.push({
        'webhook delivery': label,
        n,
        'delivery p50 ms (no gate)': round(delivery, 3),
        'delivery p50 ms (gated)': round(percentile(gated, 50), 3),
        'gate p50 ms': round(percentile(gate, 50), 3),
        'gate p99 ms': round(percentile(gate, 99), 3),
        'seal + settle CPU ms per delivery (job)': round(jobMs, 4),
        '(gate p50 + job) / delivery p50': `${round(((percentile(gate, 50) + jobMs) / delivery) * 100, 1)}%`,
        'CPU p50: delivery ms (no gate)': round(percentile(plainCpu, 50), 3),
        'CPU p50: gate ms': round(percentile(gateCpu, 50), 4),
        'CPU: (gate p50 + job) / delivery p50': `${round(((percentile(gateCpu, 50) + jobMs) / percentile(plainCpu, 50)) * 100, 1)}%`,
      })
    }
    console.table(rows)
    console.log(
      "delivery = lease, POST to an in-process receiver (its CPU counted), the attempt's record; the gate's cost = beforeSend (decision, minimised copy, the register row) + the privacy job's seal and settlement, shared per delivery",
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
