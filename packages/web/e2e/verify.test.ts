import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ensureDashboardBuilt,
  hasChromium,
  launchBrowser,
  startPeeredNodes,
  type PeeredNodes,
  type TestBrowser,
} from './harness.js'

// The verify page on its fast path in a real Chromium: WebCrypto's Ed25519 (issue #14). A bundle
// whose signatures all hold is decided in one run of the steps; a forged signature makes the page
// run them again on WebCrypto's answers, and the report must still name the step that failed.
describe.skipIf(!hasChromium)('verify page in Chromium, WebCrypto Ed25519', () => {
  let nodes: PeeredNodes
  let browser: TestBrowser
  let page: Page
  let bundleText: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    await ensureDashboardBuilt()
    // Chongqing serves the page; its Singapore peer cosigns its checkpoints.
    nodes = await startPeeredNodes()
    const { node } = nodes
    browser = await launchBrowser(node.url)
    page = browser.context.pages()[0] ?? (await browser.context.newPage())
    page.on('pageerror', (error) => pageErrors.push(error.message))
    // The demo consignee's bundle: seven actions and the signers' identity evidence.
    const bill = node.seed.bills.find((b) => b.stage === 'delivered in Singapore')!
    const response = await fetch(`${node.url}/api/ebl/${bill.id}/bundle`, {
      headers: { authorization: `Bearer ${node.seed.organisations.consignee.apiKey}` },
    })
    expect(response.status).toBe(200)
    bundleText = await response.text()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await nodes?.close()
  })

  /** Verifies a bundle text on the page; returns the report's verdict, engine and failed steps. */
  async function verifyOnPage(name: string, text: string) {
    await page.goto(`${nodes.node.url}/verify`)
    await page.locator('#bundle-file').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    })
    const report = page.getByTestId('verify-report')
    await report.waitFor()
    return {
      ok: await report.getAttribute('data-ok'),
      engine: await report.getAttribute('data-ed25519'),
      failed: await page
        .locator('tr[data-status="fail"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-step'))),
      text: await report.textContent(),
    }
  }

  /** Changes one base64url character inside a signature (not its last, which may be padding bits). */
  const forge = (signature: string, at: number) =>
    signature.slice(0, at) + (signature[at] === 'A' ? 'B' : 'A') + signature.slice(at + 1)

  it('verifies the demo consignee bundle with WebCrypto', async () => {
    const result = await verifyOnPage('consignee.bundle.json', bundleText)
    expect(result).toMatchObject({ ok: 'true', engine: 'webcrypto', failed: [] })
    expect(result.text).toContain('Ed25519 signatures checked by this browser’s WebCrypto.')
    expect(pageErrors).toEqual([])
  })

  it('rejects a forged action signature and a forged witness cosignature', async () => {
    const bundle = JSON.parse(bundleText) as {
      actions: { jws: string }[]
      checkpoint: string
    }
    const jws = bundle.actions[3]!.jws
    const cut = jws.lastIndexOf('.') + 1
    const forgedAction = {
      ...bundle,
      actions: bundle.actions.map((a, i) =>
        i === 3 ? { ...a, jws: jws.slice(0, cut) + forge(jws.slice(cut), 20) } : a,
      ),
    }
    const action = await verifyOnPage('forged-action.bundle.json', JSON.stringify(forgedAction))
    // The action's JWS is also what the next action links to and what the log included.
    expect(action).toMatchObject({
      ok: 'false',
      engine: 'webcrypto',
      failed: ['signatures', 'chainLinkage', 'inclusion'],
    })
    expect(action.text).toContain('action 3')

    // The checkpoint's last line is the peer's cosignature: "— <name> <base64 of key hash ‖ sig>".
    const lines = bundle.checkpoint.trimEnd().split('\n')
    const last = lines.at(-1)!
    const at = last.lastIndexOf(' ') + 1 + 30
    const forgedWitness = {
      ...bundle,
      checkpoint: [...lines.slice(0, -1), forge(last, at)].join('\n') + '\n',
    }
    const witness = await verifyOnPage('forged-witness.bundle.json', JSON.stringify(forgedWitness))
    expect(witness).toMatchObject({ ok: 'false', engine: 'webcrypto', failed: ['witnesses'] })
    expect(pageErrors).toEqual([])
  })
})
