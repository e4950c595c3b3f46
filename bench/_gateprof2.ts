import { randomUUID } from 'node:crypto'
import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import { createNode } from '@landsea/node'
const node = await createNode({ inMemory: true, identity: { name: 'CN node', jurisdiction: 'CN' } })
await node.privacy.setPolicy({ ...defaultPrivacyPolicy('CN'), recipients: [{ id: 'http://r.example', country: 'SG' }] })
const ev = (n: number, p: boolean) => JSON.stringify([{ eventID: randomUUID(), eventCreatedDateTime: '2026-05-02T06:10:00Z', eventClassifierCode: 'ACT', eventDateTime: '2026-05-02T06:00:00Z', eventType: 'EQUIPMENT', equipmentEventTypeCode: 'GTIN', emptyIndicatorCode: 'LADEN', equipmentReference: 'APZU4812090', eventLocation: { locationName: 'x', UNLocationCode: 'SGSIN', ...(p ? { address: { name: `Person ${n}`, city: 'Singapore' } } : {}) }, documentReferences: [{ documentReferenceType: 'TRD', documentReferenceValue: `LS${n}` }] }])
const N = 4000
async function run(label: string, personal: boolean, tag: string) {
  const payloads = Array.from({ length: N }, (_, i) => ev(i, personal))
  const c0 = process.cpuUsage()
  for (let i = 0; i < N; i++) {
    await node.privacy.checkOutbound({ channel: 'webhook', exporter: 'CN node', recipient: 'http://r.example', purpose: 'tracking', json: payloads[i], intentId: `webhook:${tag}:${i}`, deliveryId: `${tag}${i}` })
  }
  const c = process.cpuUsage(c0)
  const s0 = process.cpuUsage()
  const sealed = await node.privacy.register.seal()
  const s = process.cpuUsage(s0)
  console.log(label, 'gate us', ((c.user + c.system) / N).toFixed(1), 'seal us/leaf', sealed ? ((s.user + s.system) / sealed).toFixed(1) : '-')
}
for (let r = 0; r < 3; r++) { await run('plain   ', false, `p${r}`); await run('personal', true, `q${r}`) }
await node.close()
