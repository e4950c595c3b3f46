import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ensureDashboardBuilt,
  hasChromium,
  launchBrowser,
  peerNodes,
  screenshotPath,
  startTestNode,
  submitSignIn,
  type TestBrowser,
  type TestNode,
} from './harness.js'

// The green corridor in a real browser, on the demo as `npm start` seeds it (with tracking): the
// delivered bill's shipment has a verifiable emissions claim and the bank's pledge cites it.
describe.skipIf(!hasChromium)('green corridor in Chromium', () => {
  let node: TestNode
  let peer: TestNode
  let browser: TestBrowser
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    await ensureDashboardBuilt()
    node = await startTestNode({ withTracking: true })
    // Singapore witnesses Chongqing's log: the bundle's checkpoint carries its cosignature.
    peer = await startTestNode({ name: 'Singapore node', jurisdiction: 'SG' })
    await peerNodes(node, peer)
    browser = await launchBrowser(node.url)
    page = browser.context.pages()[0] ?? (await browser.context.newPage())
    page.on('pageerror', (error) => pageErrors.push(error.message))
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await node?.close()
    await peer?.close()
  })

  const delivered = () => node.seed.bills.find((b) => b.stage === 'delivered in Singapore')!
  const signIn = async (role: 'consignee') => {
    await page.goto(`${node.url}/bills`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await submitSignIn(page, node.seed.organisations[role])
  }
  const verifyInPage = async (bundleText: string) => {
    await page.locator('#bundle-file').setInputFiles({
      name: 'green.bundle.json',
      mimeType: 'application/json',
      buffer: Buffer.from(bundleText),
    })
    const report = page.getByTestId('verify-report')
    await expect.poll(() => report.getAttribute('data-ok')).toBe('true')
    for (const step of ['claimSignature', 'claimInclusion', 'claimRecomputation', 'greenPledge'])
      expect(await page.locator(`tr[data-step="${step}"]`).getAttribute('data-status')).toBe('pass')
    return (await page.locator('tr[data-step="greenPledge"]').textContent()) ?? ''
  }

  it('shows the green-linked pledge on the bill and verifies the consignee’s bundle, in English and Chinese', async () => {
    await signIn('consignee')
    const bill = delivered()
    await page.goto(`${node.url}/bills/${bill.id}`)
    await page.getByTestId('title-chain').waitFor()
    const link = page.getByTestId('green-link')
    expect(await link.count()).toBe(1)
    expect(await link.textContent()).toMatch(/Green-linked pledge.*cites emissions claim urn:uuid:/)
    await page.screenshot({ path: screenshotPath('bill-green-pledge-1280'), fullPage: true })

    const bundleText = await (
      await fetch(`${node.url}/api/ebl/${bill.id}/bundle`, {
        headers: { authorization: `Bearer ${node.seed.organisations.consignee.apiKey}` },
      })
    ).text()
    const bundle = JSON.parse(bundleText)
    expect(bundle.emissionsClaim).toBeDefined()
    await page.getByRole('navigation').getByRole('link', { name: 'Verify' }).click()
    expect(await verifyInPage(bundleText)).toContain('Green-linked pledge')
    expect(await page.getByTestId('emissions-claim').textContent()).toContain(
      `Emissions claim of ${bill.reference}`,
    )
    await page.screenshot({ path: screenshotPath('verify-green-1280'), fullPage: true })

    await page.getByRole('button', { name: 'Switch to Chinese' }).click()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await page.reload()
    await page.locator('#bundle-file').waitFor()
    expect(await verifyInPage(bundleText)).toContain('绿色挂钩质押')
    await page.screenshot({ path: screenshotPath('verify-green-zh-1280'), fullPage: true })
    await page.goto(`${node.url}/bills/${bill.id}`)
    await page.getByTestId('green-link').waitFor()
    expect(await page.getByTestId('green-link').textContent()).toContain('绿色挂钩质押')
    await page.getByRole('button', { name: '切换到英文' }).click()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
  })

  it('shows the organisation’s emissions report for a period, in English and Chinese', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Emissions' }).click()
    await page.getByTestId('report-totals').waitFor()
    const shipments = Number(await page.getByTestId('report-shipments').textContent())
    expect(shipments).toBeGreaterThanOrEqual(1)
    expect(await page.getByTestId('report-co2e').textContent()).toMatch(/[\d,.]+ kg/)
    expect(await page.getByTestId('report-tkm-rail').textContent()).toContain('Tonne-km by rail')
    const rows = page.getByTestId('report-rows')
    expect(await rows.textContent()).toContain(delivered().reference)
    expect(await rows.locator(`tr[data-claimed="true"]`).count()).toBeGreaterThanOrEqual(1)
    expect(await page.getByTestId('report-factors').textContent()).toContain('GLEC v3')
    expect(await page.getByTestId('report-iso').textContent()).toContain(
      'The well-to-tank / tank-to-wheel split',
    )
    await page.screenshot({ path: screenshotPath('emissions-report-1280'), fullPage: true })
    // A period that ends before any shipment: nothing to report.
    await page.getByLabel('To (exclusive)').fill('2020-01-02')
    await page.getByLabel('From').fill('2020-01-01')
    await expect.poll(() => page.getByTestId('report-shipments').textContent()).toBe('0')

    await page.getByRole('button', { name: 'Switch to Chinese' }).click()
    await page.reload()
    await page.getByTestId('report-totals').waitFor()
    expect(await page.locator('main h1').textContent()).toBe('排放报告')
    expect(await page.getByTestId('report-iso').textContent()).toContain('油井到油箱')
    expect(await page.getByTestId('report-tkm-rail').textContent()).toContain('铁路')
    await page.screenshot({ path: screenshotPath('emissions-report-zh-1280'), fullPage: true })
    await page.getByRole('button', { name: '切换到英文' }).click()
  })

  it('colours the map’s legs by emission intensity, with a legend, in both languages', async () => {
    await page.goto(`${node.url}/`)
    const map = page.locator('.corridor-map[data-ready="true"]')
    await map.waitFor({ timeout: 30_000 })
    expect(await map.getAttribute('data-coloured-by')).toBe('mode')
    expect(await page.getByTestId('intensity-legend').count()).toBe(0)
    await page.getByLabel('Colour legs by emission intensity').check()
    await expect.poll(() => map.getAttribute('data-coloured-by')).toBe('intensity')
    const legend = page.getByTestId('intensity-legend')
    expect(await legend.textContent()).toContain('g CO2e per TEU-km')
    expect(await legend.textContent()).toContain('Chongqing → Qinzhou: 134 g per TEU-km')
    expect(await legend.textContent()).toContain('Qinzhou → Singapore: 124.3 g per TEU-km')
    await page.locator('.corridor-map[data-land="drawn"]').waitFor()
    await page.screenshot({ path: screenshotPath('map-intensity-1280') })
    await page.getByRole('button', { name: 'Switch to Chinese' }).click()
    await expect.poll(() => legend.textContent()).toContain('重庆 → 钦州：每标箱公里 134 克')
    await page.screenshot({ path: screenshotPath('map-intensity-zh-1280') })
    await page.getByLabel('按排放强度为运段着色').uncheck()
    await expect.poll(() => map.getAttribute('data-coloured-by')).toBe('mode')
    await page.getByRole('button', { name: '切换到英文' }).click()
  })

  it('made no request to another host and raised no page error', () => {
    expect(browser.foreign).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
