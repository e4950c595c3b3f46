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

describe.skipIf(!hasChromium)('privacy screen in Chromium', () => {
  let node: TestNode
  let browser: TestBrowser
  let page: Page

  beforeAll(async () => {
    await ensureDashboardBuilt()
    node = await startTestNode()
    browser = await launchBrowser(node.url)
    page = browser.context.pages()[0] ?? (await browser.context.newPage())
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await node?.close()
  })

  it('shows the operator the year’s crossing and the register proven in the ledger, in both languages', async () => {
    // The Singapore consignee exports a bundle from this Chongqing node: one register entry.
    const consignee = node.seed.organisations.consignee.apiKey
    const list = await fetch(`${node.url}/api/ebl`, {
      headers: { authorization: `Bearer ${consignee}` },
    })
    const [bill] = ((await list.json()) as { items: { id: string }[] }).items
    const bundle = await fetch(`${node.url}/api/ebl/${bill!.id}/bundle`, {
      headers: { authorization: `Bearer ${consignee}` },
    })
    expect(bundle.status).toBe(200)

    await page.goto(`${node.url}/`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await submitSignIn(page, node.seed.organisations.operator)
    await page.getByRole('navigation').getByRole('link', { name: 'Privacy' }).click()
    const report = page.getByTestId('privacy-report')
    await report.locator('tbody tr').waitFor()
    expect(await report.locator('tbody tr').textContent()).toContain('SG')
    const register = page.getByTestId('privacy-register')
    // The consignee's bill list and its bundle: two crossings, each a register entry.
    expect(await register.locator('p.ok').textContent()).toContain('2 entries, each proven')
    expect(await register.locator('tbody').textContent()).toContain('Bundle export')
    expect(await register.locator('tbody').textContent()).toContain('API read')
    // The same reads, by who and what, in the access log.
    const log = page.getByTestId('privacy-access-log')
    await log.locator('tbody tr').first().waitFor()
    expect(await log.locator('tbody').textContent()).toContain(`/api/ebl/${bill!.id}/bundle`)
    expect(await log.locator('tbody').textContent()).toContain(node.seed.organisations.consignee.id)
    await page.screenshot({ path: screenshotPath('privacy-1280'), fullPage: true })

    await page.getByRole('button', { name: 'Switch to Chinese' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('个人信息跨境')
    expect(await register.locator('tbody').textContent()).toContain('提单包导出')
    expect(await page.getByTestId('privacy-access-log').locator('h2').textContent()).toBe(
      '访问日志：本节点个人信息的读取记录',
    )
    await page.getByRole('button', { name: /English|英文/ }).click()
  })
})
