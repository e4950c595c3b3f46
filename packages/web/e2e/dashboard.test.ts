import { readFile } from 'node:fs/promises'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ensureDashboardBuilt,
  hasChromium,
  ingestJourney,
  launchBrowser,
  peerNodes,
  screenshotPath,
  startTestNode,
  submitSignIn,
  type TestBrowser,
  type TestNode,
} from './harness.js'

// The dashboard in a real browser against a real node. Skipped only when Chromium is absent
// (CI installs it with apt-get: see .ci/run).
describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  let node: TestNode
  let peer: TestNode
  let browser: TestBrowser
  let context: BrowserContext
  let page: Page
  const uploads: string[] = []
  const pageErrors: string[] = []

  const billId = (stage: string) => {
    const bill = node.seed.bills.find((b) => b.stage === stage)
    if (!bill) throw new Error(`no demo bill "${stage}"`)
    return bill.id
  }

  beforeAll(async () => {
    await ensureDashboardBuilt()
    // Chongqing serves the dashboard; Singapore is its peer, whose witness cosigns its checkpoints.
    node = await startTestNode()
    peer = await startTestNode({ name: 'Singapore node', jurisdiction: 'SG' })
    await peerNodes(node, peer)
    browser = await launchBrowser(node.url)
    context = browser.context
    page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      // 401/404 answers the tests provoke are logged by Chromium as failed loads: not page errors.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        pageErrors.push(message.text())
      }
    })
    context.on('request', (request) => {
      if (request.method() !== 'GET') uploads.push(`${request.method()} ${request.url()}`)
    })
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await node?.close()
    await peer?.close()
  })

  it('opens the corridor map with the rail line, sea lanes and ports', async () => {
    await page.goto(`${node.url}/`)
    await page.locator('.corridor-map[data-ready="true"]').waitFor({ timeout: 30_000 })
    await expect.poll(() => page.locator('.port-label').count()).toBeGreaterThanOrEqual(9)
    const labels = await page.locator('.port-label').allTextContents()
    expect(labels).toEqual(expect.arrayContaining(['Chongqing', 'Qinzhou', 'Singapore']))
    await expect
      .poll(() => page.locator('.map-side').textContent())
      .toContain('Qinzhou → Singapore')
    await page.locator('.corridor-map[data-land="drawn"]').waitFor()
    await page.screenshot({ path: screenshotPath('map-1280') })
  })

  it('signs in with an organisation API key', async () => {
    await page.getByRole('button', { name: 'Sign in' }).click()
    await submitSignIn(page, node.seed.organisations.shipper)
  })

  it('opens a shipment in flight from the map: timeline, ETA band, customs, its bill', async () => {
    const bill = node.seed.bills.find(
      (b) => b.stage === 'pledged to the Chongqing bank under an L/C',
    )!
    await ingestJourney({ node, reference: bill.reference })
    await page.goto(`${node.url}/`)
    await page.locator('.corridor-map[data-ready="true"]').waitFor({ timeout: 30_000 })
    const marker = page.locator(`.shipment-marker[data-shipment-id="${bill.reference}"]`)
    await marker.waitFor()
    await page.locator('.corridor-map[data-land="drawn"]').waitFor()
    await page.screenshot({ path: screenshotPath('map-shipments-1280') })
    await marker.click()
    await expect.poll(() => page.url()).toContain(`/shipments/${bill.reference}`)
    await page.getByTestId('timeline').waitFor()
    const timeline = await page.getByTestId('timeline').textContent()
    expect(timeline).toContain('Departure · Chongqing · Rail')
    expect(timeline).toContain('Arrival · Singapore')
    expect(await page.getByTestId('customs-status').textContent()).toBe('Released')
    await page.getByTestId('eta-band').waitFor()
    // Emissions: the route's legs and terminals, a total with its intensity, the alternatives.
    await page.getByTestId('emissions-total').waitFor()
    expect(await page.getByTestId('emissions-total').textContent()).toMatch(
      /kg CO2e for 2 TEU · [\d.]+ g CO2e per TEU-km/,
    )
    expect(await page.getByTestId('emissions-elements').textContent()).toContain('CNCKG→CNQZH')
    const alternatives = await page.getByTestId('emissions-alternatives').textContent()
    expect(alternatives).toContain('Rail–sea via Qinzhou (the corridor)1,0327–8 days')
    expect(alternatives).toContain('Road to the Beibu Gulf, then sea')
    await page.getByRole('link', { name: `Open bill ${bill.reference}` }).waitFor()
    await page.getByRole('button', { name: 'Prove the events' }).click()
    await expect
      .poll(() => page.getByTestId('event-proofs').getAttribute('data-proven'))
      .toBe('true')
    await page.screenshot({ path: screenshotPath('shipment-1280'), fullPage: true })
    await page.getByRole('link', { name: 'All shipments' }).click()
    await page.getByLabel('Search by reference, container or place').fill('APZU')
    await expect.poll(() => page.getByTestId('shipments-table').locator('tbody tr').count()).toBe(1)
    await page.screenshot({ path: screenshotPath('shipments-1280') })
  })

  it('refuses a wrong API key with a clear message', async () => {
    const other = await context.newPage()
    await other.goto(`${node.url}/bills`)
    await other.getByRole('button', { name: 'Sign in' }).click()
    await other.getByLabel('Organisation API key').fill('not-a-key')
    await other.locator('dialog').getByRole('button', { name: 'Sign in' }).click()
    await expect
      .poll(() => other.locator('dialog [role="alert"]').textContent())
      .toContain('AUTH_INVALID')
    await other.close()
  })

  /** Takes an action on the open bill through the dialog: choose, fill, review, sign. */
  async function act(selector: string, recipientName: string, screenshot?: string) {
    const before = await page.locator('.chain-entry').count()
    await page.locator(selector).click()
    const recipient = page.locator('#action-recipient')
    const value = await recipient
      .locator('option', { hasText: recipientName })
      .getAttribute('value')
    await recipient.selectOption(value!)
    await page.getByRole('button', { name: 'Review…' }).click()
    await expect
      .poll(() => page.getByTestId('confirm-statement').textContent())
      .toContain(`to ${recipientName}`)
    if (screenshot) await page.screenshot({ path: screenshotPath(screenshot) })
    await page.getByRole('button', { name: 'Sign and submit' }).click()
    await expect.poll(() => page.locator('.chain-entry').count()).toBe(before + 1)
    expect(await page.locator('.notice').textContent()).toContain('was signed and recorded')
  }

  it('performs a transfer as the possessor, each action confirmed before it is signed', async () => {
    const bank = node.seed.organisations.cnBank.name
    await page.goto(`${node.url}/bills/${billId('issued to the shipper')}`)
    await page.getByTestId('title-chain').waitFor()
    expect(await page.locator('.chain-entry').count()).toBe(1)
    // An order bill moves by endorsement and transfer of possession (DCSA ENDORSE_TO_ORDER, TRANSFER).
    await act('button[data-action="ENDORSE_TO_ORDER"]', bank)
    await act('button[data-action="TRANSFER"]:not([data-pledge])', bank, 'bill-confirm-1280')
    expect(await page.locator('.chain-entry').last().getAttribute('data-action')).toBe('TRANSFER')
    await expect.poll(() => page.getByTestId('title-state').textContent()).toContain(`${bank}`)
    // The shipper no longer possesses the bill: it may do nothing more.
    await expect.poll(() => page.locator('.action-panel').textContent()).toContain('may not act')
    await page.screenshot({ path: screenshotPath('bill-1280'), fullPage: true })
  })

  it('offers each organisation only its own actions: surrender by the holder, accept or reject by the carrier', async () => {
    const desk = await context.newPage()
    const signInAs = async (role: 'consignee' | 'carrier') => {
      await desk.getByRole('button', { name: 'Sign in', exact: true }).click()
      await submitSignIn(desk, node.seed.organisations[role])
    }
    await desk.goto(`${node.url}/bills/${billId('straight bill held by the Singapore consignee')}`)
    await signInAs('consignee')
    await desk.locator('.action-panel').waitFor()
    const offered = () =>
      desk
        .locator('.action-panel button[data-action]')
        .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')))
    expect(await offered()).toContain('SURRENDER_FOR_DELIVERY')
    expect(await offered()).not.toContain('SACC')
    const carrier = node.seed.organisations.carrier.name
    await desk.locator('button[data-action="SURRENDER_FOR_DELIVERY"]').click()
    const recipient = desk.locator('#action-recipient')
    await recipient.selectOption({ label: carrier })
    await desk.getByRole('button', { name: 'Review…' }).click()
    await desk.getByRole('button', { name: 'Sign and submit' }).click()
    await expect
      .poll(() => desk.getByTestId('title-state').textContent())
      .toContain('Surrender for delivery pending')

    await desk.getByRole('button', { name: 'Sign out' }).click()
    await signInAs('carrier')
    await expect.poll(async () => (await offered()).sort()).toEqual(['SACC', 'SREJ'])
    await desk.screenshot({ path: screenshotPath('bill-carrier-1280'), fullPage: true })
    await desk.close()
  })

  it('verifies a downloaded bundle in the browser, and fails a tampered one visibly', async () => {
    // Still signed in as the shipper, on the bill it just endorsed and transferred.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download bundle' }).click(),
    ])
    const bundleText = await readFile((await download.path())!, 'utf8')
    const bundle = JSON.parse(bundleText) as { format: string; actions: unknown[] }
    expect(bundle.format).toBe('landsea-ebl-bundle/v1')
    expect(bundle.actions).toHaveLength(3)
    const requestsBefore = uploads.length

    await page.getByRole('navigation').getByRole('link', { name: 'Verify' }).click()
    await page.locator('#bundle-file').setInputFiles({
      name: 'valid.bundle.json',
      mimeType: 'application/json',
      buffer: Buffer.from(bundleText),
    })
    const report = page.getByTestId('verify-report')
    await expect.poll(() => report.getAttribute('data-ok')).toBe('true')
    expect(await page.locator('tr[data-status="pass"]').count()).toBe(9)
    expect(await page.locator('tr[data-step="signerIdentity"] td').first().textContent()).toBe(
      'Signers’ identity (credentials)',
    )
    await page.screenshot({ path: screenshotPath('verify-valid-1280'), fullPage: true })

    // A verifier that does not require SM2 checks the Ed25519 half of the CN parties' dual
    // signatures; the report names the SM2 half it left unchecked.
    const identityRow = page.locator('tr[data-step="signerIdentity"]')
    expect(await identityRow.textContent()).not.toContain('not checked, outside the suites')
    await page.locator('#identity-suites').selectOption('ed25519')
    await expect
      .poll(() => identityRow.textContent())
      .toContain('not checked, outside the suites required')
    expect(await report.getAttribute('data-ok')).toBe('true')
    await page.locator('#identity-suites').selectOption('all')
    await expect.poll(() => identityRow.textContent()).not.toContain('not checked, outside')

    // One byte of the document changed: the checksum no longer matches what was signed.
    const tampered = bundleText.replace('NOTEBOOK COMPUTERS', 'NOTEBOOK COMPUTERZ')
    expect(tampered).not.toBe(bundleText)
    // This time dropped on the zone, as a desk would drag it from a mail.
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([text], 'tampered.bundle.json', { type: 'application/json' }))
      return transfer
    }, tampered)
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer })
    await expect.poll(() => report.getAttribute('data-ok')).toBe('false')
    expect(await page.locator('tr[data-step="documentChecksum"]').getAttribute('data-status')).toBe(
      'fail',
    )
    expect(await page.locator('.verdict-bad').textContent()).toContain('NOT verified')
    await page.screenshot({ path: screenshotPath('verify-tampered-1280'), fullPage: true })
    // Verified in the page: neither file was sent anywhere.
    expect(uploads.slice(requestsBefore)).toEqual([])
  })

  it('verifies the consignee’s bundle with its emissions claim in the browser', async () => {
    const bill = node.seed.bills.find((b) => b.stage === 'delivered in Singapore')!
    const { simulateBookings } = await import('@landsea/core/simulation')
    const day = 86_400_000
    const { events } = simulateBookings({
      seed: 7,
      nowMs: Date.now(),
      bookings: [{ bookedMs: Date.now() - 30 * day, transportDocumentReference: bill.reference }],
    })
    const auth = (role: 'carrier' | 'consignee') => ({
      authorization: `Bearer ${node.seed.organisations[role].apiKey}`,
      'content-type': 'application/json',
    })
    const ingest = await fetch(`${node.url}/api/events`, {
      method: 'POST',
      headers: auth('carrier'),
      body: JSON.stringify(events),
    })
    expect(ingest.ok).toBe(true)
    const claim = await fetch(`${node.url}/api/shipments/${bill.reference}/emissions/claim`, {
      method: 'POST',
      headers: auth('consignee'),
      body: JSON.stringify({ teu: 2 }),
    })
    expect(claim.status).toBe(200)
    const bundleText = await (
      await fetch(`${node.url}/api/ebl/${bill.id}/bundle`, { headers: auth('consignee') })
    ).text()
    expect(JSON.parse(bundleText).emissionsClaim).toBeDefined()

    await page.getByRole('navigation').getByRole('link', { name: 'Verify' }).click()
    await page.locator('#bundle-file').setInputFiles({
      name: 'claim.bundle.json',
      mimeType: 'application/json',
      buffer: Buffer.from(bundleText),
    })
    const report = page.getByTestId('verify-report')
    await expect.poll(() => report.getAttribute('data-ok')).toBe('true')
    for (const step of ['claimSignature', 'claimInclusion', 'claimRecomputation'])
      expect(await page.locator(`tr[data-step="${step}"]`).getAttribute('data-status')).toBe('pass')
    expect(await page.getByTestId('emissions-claim').textContent()).toContain(
      `Emissions claim of ${bill.reference}: 1,032 kg CO2e`,
    )
    await page.screenshot({ path: screenshotPath('verify-claim-1280'), fullPage: true })
  })

  it('shows the ledger checkpoint verified in the browser and proves an entry', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Ledger' }).click()
    await page.getByTestId('checkpoint').waitFor()
    expect(await page.getByTestId('log-signature').textContent()).toContain('verified here')
    const witness = page.getByTestId('checkpoint').locator('tbody tr')
    expect(await witness.textContent()).toContain('singapore-node.landsea/witness')
    expect(await witness.textContent()).toContain('verified here')
    const size = Number((await page.getByTestId('tree-size').textContent())!.replace(/,/g, ''))
    expect(size).toBeGreaterThan(0)
    await page.getByLabel('Entry (leaf) index').fill(String(size - 1))
    await page.getByRole('button', { name: 'Prove inclusion' }).click()
    await expect
      .poll(() => page.getByTestId('proof-result').getAttribute('data-valid'))
      .toBe('true')
    await page.screenshot({ path: screenshotPath('ledger-1280'), fullPage: true })
  })

  it('switches language to Chinese and back on every screen', async () => {
    await page.goto(`${node.url}/bills/${billId('issued to the shipper')}`)
    await page.getByTestId('title-chain').waitFor()
    await page.getByRole('button', { name: 'Switch to Chinese' }).click()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN')
    const nav = page.getByRole('navigation')
    expect(await nav.textContent()).toContain('地图')
    expect(await page.locator('.page-bill').textContent()).toContain('权属链')
    await page.screenshot({ path: screenshotPath('bill-zh-1280'), fullPage: true })
    await nav.getByRole('link', { name: '地图' }).click()
    await expect.poll(() => page.locator('.port-label').allTextContents()).toContain('重庆')
    await page.locator('.corridor-map[data-land="drawn"]').waitFor()
    await page.screenshot({ path: screenshotPath('map-zh-1280') })
    await nav.getByRole('link', { name: '货运' }).click()
    await page.getByTestId('shipments-table').waitFor()
    expect(await page.getByTestId('shipments-table').textContent()).toContain('重庆 → 新加坡')
    await page.getByTestId('shipments-table').getByRole('link').first().click()
    await page.getByTestId('timeline').waitFor()
    expect(await page.getByTestId('timeline').textContent()).toContain('出发 · 重庆 · 铁路')
    await page.getByTestId('emissions-total').waitFor()
    expect(await page.getByTestId('emissions-total').textContent()).toContain('千克 CO2e')
    expect(await page.getByTestId('emissions-alternatives').textContent()).toContain(
      '长江江海联运经上海',
    )
    await page.screenshot({ path: screenshotPath('shipment-zh-1280'), fullPage: true })
    await page.getByRole('button', { name: '切换到英文' }).click()
    await expect.poll(() => page.getByRole('navigation').textContent()).toContain('Map')
  })

  it('is keyboard reachable: skip link, then navigation', async () => {
    await page.goto(`${node.url}/bills`)
    await page.locator('main h1').waitFor()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Map')
  })

  it('fits a 390 px wide phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    for (const [path, name] of [
      ['/', 'map-390'],
      [`/bills/${billId('pledged to the Chongqing bank under an L/C')}`, 'bill-390'],
      ['/verify', 'verify-390'],
    ] as const) {
      await page.goto(`${node.url}${path}`)
      await page.locator('main h1').waitFor()
      await expect.poll(() => page.locator('.state-loading').count()).toBe(0)
      if (path === '/') await page.locator('.corridor-map[data-land="drawn"]').waitFor()
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      )
      expect(overflow, path).toBeLessThanOrEqual(0)
      await page.screenshot({ path: screenshotPath(name), fullPage: true })
    }
    await page.setViewportSize({ width: 1280, height: 900 })
  })

  it('finds a pallet by its SSCC and lists its EPCIS events, in English and Chinese', async () => {
    const { listEpcisExamples } = await import('@landsea/standards')
    const document = listEpcisExamples().find(
      (e) => e.name === 'WithDigitalLinkID/Example_9.6.3-AggregationEventWithDigitalLink.jsonld',
    )!.value
    const imported = await fetch(`${node.url}/api/events/epcis`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${node.seed.organisations.carrier.apiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(document),
    })
    expect(imported.ok).toBe(true)
    const desk = await context.newPage()
    await desk.goto(`${node.url}/objects`)
    await desk.getByRole('button', { name: 'Sign in', exact: true }).click()
    await submitSignIn(desk, node.seed.organisations.carrier)
    await desk
      .getByLabel('GS1 key (EPC URN or Digital Link)')
      .fill('urn:epc:id:sscc:0614141.1234567890')
    await desk.getByRole('button', { name: 'Find' }).click()
    await expect
      .poll(() => desk.getByTestId('object-key').textContent())
      .toContain('https://id.gs1.org/00/106141412345678908')
    expect(await desk.getByTestId('object-events').textContent()).toContain('AggregationEvent')
    await desk.screenshot({ path: screenshotPath('objects-1280'), fullPage: true })
    await desk.getByRole('button', { name: 'Switch to Chinese' }).click()
    await expect.poll(() => desk.locator('main h1').textContent()).toBe('货物与托盘')
    expect(await desk.getByTestId('object-events').textContent()).toContain('AggregationEvent')
    await desk.getByRole('button', { name: '切换到英文' }).click()
    await desk.close()
  })

  it('made no request to any host other than the node, and broke no content-security rule', () => {
    expect(browser.foreign).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
