import { createSampleCorridorBill } from '@landsea/core/ebl'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ensureDashboardBuilt,
  hasChromium,
  launchBrowser,
  screenshotPath,
  startTestNode,
  submitSignIn,
  type TestBrowser,
  type TestNode,
} from './harness.js'

const toConsignee = {
  platform: 'LSSG',
  codeListProvider: 'ZZZ',
  codeListName: 'UEN',
  partyCode: '201912345R',
}

describe.skipIf(!hasChromium)('platforms screen and a bill’s platform journey in Chromium', () => {
  let cq: TestNode
  let sg: TestNode
  let browser: TestBrowser
  let page: Page
  let sentBill: string

  /** A bill issued on Chongqing to its shipper. */
  async function issuedBill(reference: string) {
    const o = cq.seed.organisations
    const record = await cq.node.registry.createDraft({
      document: createSampleCorridorBill({
        reference,
        carrier: o.carrier.id,
        shipper: o.shipper.id,
      }),
      carrier: o.carrier.id,
    })
    await cq.node.registry.act({
      documentId: record.id,
      actor: o.carrier.id,
      action: 'ISSUE',
      recipient: o.shipper.id,
    })
    return record.id
  }

  beforeAll(async () => {
    await ensureDashboardBuilt()
    cq = await startTestNode({ platformCode: 'LSCQ' })
    sg = await startTestNode({ name: 'Singapore node', jurisdiction: 'SG', platformCode: 'LSSG' })
    const sgKeys = (await sg.node.pint.platform()).jwks
    await sg.node.pint.addPlatform({
      code: 'LSCQ',
      name: 'Chongqing node',
      url: cq.url,
      jwks: (await cq.node.pint.platform()).jwks,
      parties: [],
    })
    // LSXX: a platform the operator entered with Singapore's address: Singapore refuses what is
    // addressed to another platform (BENV).
    for (const [code, name] of [
      ['LSSG', 'Singapore node'],
      ['LSXX', 'Misconfigured platform'],
    ] as const)
      await cq.node.pint.addPlatform({ code, name, url: sg.url, jwks: sgKeys, parties: [] })
    const shipper = cq.seed.organisations.shipper.id
    sentBill = await issuedBill('LSE2EPINT001')
    const sent = await cq.node.pint.transferOut({
      documentId: sentBill,
      actor: shipper,
      action: 'ENDORSE_TO_ORDER',
      recipient: toConsignee,
    })
    expect(sent.status).toBe('TRANSFERRED')
    const refused = await cq.node.pint.transferOut({
      documentId: await issuedBill('LSE2EPINT002'),
      actor: shipper,
      action: 'ENDORSE_TO_ORDER',
      recipient: { ...toConsignee, platform: 'LSXX' },
    })
    expect(refused).toMatchObject({ status: 'REJECTED', responseCode: 'BENV' })
    browser = await launchBrowser(cq.url)
    page = browser.context.pages()[0] ?? (await browser.context.newPage())
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await cq?.close()
    await sg?.close()
  })

  async function signIn(node: TestNode, role: 'operator' | 'shipper' | 'consignee', on = page) {
    await on.goto(`${node.url}/`)
    // Whoever was signed in on this browser signs out first.
    await on
      .getByRole('button', { name: /^Sign (in|out)$/ })
      .first()
      .waitFor()
    const signOut = on.getByRole('button', { name: 'Sign out' })
    if (await signOut.isVisible()) await signOut.click()
    await on.getByRole('button', { name: 'Sign in' }).click()
    await submitSignIn(on, node.seed.organisations[role])
  }

  it('shows the operator transfers out with their response codes, failures first, in both languages', async () => {
    await signIn(cq, 'operator')
    await page.getByRole('navigation').getByRole('link', { name: 'Platforms' }).click()
    const outgoing = page.getByTestId('pint-outgoing')
    await outgoing.locator('tbody tr').first().waitFor()
    const rows = await outgoing.locator('tbody tr').allTextContents()
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatch(/Misconfigured platform.*refused.*BENV bad envelope/)
    expect(rows[1]).toMatch(/Singapore node.*transferred.*RECE received/)
    expect(await page.getByTestId('pint-self').textContent()).toContain('LSCQ')
    await page.screenshot({ path: screenshotPath('pint-1280'), fullPage: true })

    await page.getByRole('button', { name: 'Switch to Chinese' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('跨平台')
    expect(await outgoing.locator('tbody tr').first().textContent()).toContain('信封无效')
    await page.getByRole('button', { name: /English|英文/ }).click()
  })

  it('shows the receiving operator the incoming transfer', async () => {
    // The browser reaches one node only: Singapore's operator has a browser of its own.
    const sgBrowser = await launchBrowser(sg.url)
    try {
      const sgPage = await sgBrowser.context.newPage()
      await signIn(sg, 'operator', sgPage)
      await sgPage.getByRole('navigation').getByRole('link', { name: 'Platforms' }).click()
      const incoming = sgPage.getByTestId('pint-incoming')
      await incoming.locator('tbody tr').first().waitFor()
      const rows = await incoming.locator('tbody tr').allTextContents()
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatch(/Chongqing node \(LSCQ\).*accepted.*1 of 1 received/)
    } finally {
      await sgBrowser.close()
    }
  })

  it('shows the shipper which platform held the bill when', async () => {
    await signIn(cq, 'shipper')
    await page.goto(`${cq.url}/bills/${sentBill}`)
    const journey = page.getByTestId('pint-journey')
    await journey.locator('li').nth(1).waitFor()
    const legs = await journey.locator('li').allTextContents()
    expect(legs[0]).toMatch(/^LSCQ \(this node\) .+ – .+/)
    expect(legs[1]).toMatch(/^LSSG since .+ · RECE received/)
    await page.getByRole('button', { name: 'Switch to Chinese' }).click()
    await expect.poll(() => journey.locator('h2').textContent()).toBe('平台轨迹')
    expect(await journey.locator('li').first().textContent()).toContain('（本节点）')
    await page.getByRole('button', { name: /English|英文/ }).click()
  })

  it('shows the receiving consignee the platforms that held the bill before', async () => {
    const sgBrowser = await launchBrowser(sg.url)
    try {
      const sgPage = await sgBrowser.context.newPage()
      await signIn(sg, 'consignee', sgPage)
      const list = await fetch(`${sg.url}/api/ebl`, {
        headers: { authorization: `Bearer ${sg.seed.organisations.consignee.apiKey}` },
      })
      const { items } = (await list.json()) as { items: { id: string; reference: string }[] }
      const held = items.find((b) => b.reference === 'LSE2EPINT001')!
      await sgPage.goto(`${sg.url}/bills/${held.id}`)
      const journey = sgPage.getByTestId('pint-journey')
      await journey.locator('li').nth(1).waitFor()
      const legs = await journey.locator('li').allTextContents()
      expect(legs).toHaveLength(2)
      expect(legs[0]).toMatch(/^LSCQ .+ – .+/)
      expect(legs[1]).toMatch(/^LSSG \(this node\) since .+/)
    } finally {
      await sgBrowser.close()
    }
  })
})
