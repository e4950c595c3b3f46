import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import type { LandseaDatabase } from '@landsea/storage'
import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode, type LandseaNode } from '../src/create-node.js'

for (const kind of TEST_DATABASES) {
  describe(`the gate's keyed hashes: subjects and minimised values [${kind}]`, () => {
    let node: LandseaNode
    let database: LandseaDatabase
    beforeAll(async () => {
      database = await openTestDatabase(kind)
      node = await createNode({ database, identity: { name: 'CN node', jurisdiction: 'CN' } })
      await node.privacy.setPolicy({
        ...defaultPrivacyPolicy('CN'),
        recipients: [{ id: 'https://sg.example', country: 'SG' }],
      })
    })
    afterAll(async () => {
      await node?.close()
    })

    it('gives each value its own keyed hash and a contact one subject, the one its e-mail is minimised to', async () => {
      const email = 'li.wei@example.cn'
      const permit = await node.privacy.checkOutbound({
        channel: 'webhook',
        exporter: 'CN node',
        recipient: 'https://sg.example',
        purpose: 'tracking',
        payload: {
          partyContactDetails: [
            { name: 'li wei', email },
            { name: 'tan mei', email: 'tan.mei@example.sg' },
          ],
        },
      })
      const pseudonym = async (identifier: string) =>
        `hmac-sha256:${(await node.privacy.subjectHash(identifier)).slice(0, 32)}`
      expect(permit.action).toBe('minimise')
      expect(permit.payload).toEqual({
        partyContactDetails: [
          {
            name: await pseudonym('li wei'),
            email: await pseudonym(email),
          },
          { name: await pseudonym('tan mei'), email: await pseudonym('tan.mei@example.sg') },
        ],
      })
      expect(permit.entry?.record.subjectCount).toBe(2)
      expect([...permit.entry!.record.subjectHashes].sort()).toEqual(
        [
          await node.privacy.subjectHash(email),
          await node.privacy.subjectHash('tan.mei@example.sg'),
        ].sort(),
      )
    })
  })
}
