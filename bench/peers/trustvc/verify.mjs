// TradeTrust's verifier on a W3C bill of lading, offline, for bench/cold-start.bench.ts.
//   node verify.mjs setup <dir>       sign (ecdsa-sd-2023) and derive a bill; write it and the DID document
//   node verify.mjs verify <dir>      cold: import @trustvc/trustvc, verifyDocument once, exit 1 unless valid
//   node verify.mjs rate <dir> <s> [w]  verifyDocument in a loop for <s> seconds after <w> seconds
//                                     of untimed warm-up (default 0); prints verifications/s
// The issuer's DID document comes from <dir> through verifyDocument's documentLoader (no network).
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

// TrustVC's ESM build does not load in Node 20 (a directory import); its CommonJS build does.
const trustvc = () => createRequire(import.meta.url)('@trustvc/trustvc')

const [mode, dir, seconds = '2', warmSeconds = '0'] = process.argv.slice(2)
const ISSUER = 'did:web:trustvc.landsea-bench.example'

async function setup() {
  const { signW3C, deriveW3C, issuer } = trustvc()
  const keyPair = await issuer.generateKeyPair({ type: 'ecdsa-sd-2023' })
  const key = { ...keyPair, id: `${ISSUER}#keys-1`, controller: ISSUER, type: 'Multikey' }
  const didDocument = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: ISSUER,
    verificationMethod: [
      {
        type: 'Multikey',
        id: key.id,
        controller: ISSUER,
        publicKeyMultibase: key.publicKeyMultibase,
      },
    ],
    assertionMethod: [key.id],
    authentication: [key.id],
  }
  const credential = {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://w3id.org/security/data-integrity/v2',
      'https://trustvc.io/context/bill-of-lading.json',
    ],
    type: ['VerifiableCredential'],
    issuer: ISSUER,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {
      type: ['BillOfLading'],
      blNumber: 'LANDSEA-BENCH-0001',
      shipperName: 'Chongqing Cloudpeak Laptop Manufacturing Co., Ltd.',
      consigneeName: 'Lion City Electronics Pte. Ltd.',
      portOfLoading: 'CNCKG',
      portOfDischarge: 'SGSIN',
    },
  }
  const signed = await signW3C(credential, key, 'ecdsa-sd-2023')
  if (!signed.signed) throw new Error(`signW3C: ${signed.error}`)
  const derived = await deriveW3C(signed.signed, [])
  if (!derived.derived) throw new Error(`deriveW3C: ${derived.error}`)
  writeFileSync(join(dir, 'bill.json'), JSON.stringify(derived.derived))
  writeFileSync(join(dir, 'did.json'), JSON.stringify(didDocument))
}

async function verifier() {
  const { verifyDocument, context } = trustvc()
  const document = JSON.parse(readFileSync(join(dir, 'bill.json'), 'utf8'))
  const didDocument = JSON.parse(readFileSync(join(dir, 'did.json'), 'utf8'))
  const fallback = await context.getDocumentLoader()
  const documentLoader = async (url) =>
    url.startsWith(ISSUER)
      ? {
          contextUrl: null,
          documentUrl: url,
          document: url.includes('#')
            ? didDocument.verificationMethod.find((m) => m.id === url)
            : didDocument,
        }
      : fallback(url)
  return async () => {
    const fragments = await verifyDocument(document, { documentLoader })
    const bad = fragments.filter((f) => f.status === 'INVALID' || f.status === 'ERROR')
    if (bad.length > 0 || !fragments.some((f) => f.status === 'VALID'))
      throw new Error(`not valid: ${JSON.stringify(fragments.map((f) => [f.name, f.status]))}`)
    return fragments
  }
}

if (mode === 'setup') await setup()
else if (mode === 'verify') {
  const fragments = await (await verifier())()
  if (process.env.SHOW) console.log(fragments.map((f) => `${f.name}: ${f.status}`).join('\n'))
} else if (mode === 'rate') {
  const verify = await verifier()
  for (let i = 0; i < 10; i++) await verify()
  const warmStart = performance.now()
  while (performance.now() - warmStart < Number(warmSeconds) * 1000) await verify()
  let n = 0
  const start = performance.now()
  while (performance.now() - start < Number(seconds) * 1000) {
    await verify()
    n++
  }
  console.log((n * 1000) / (performance.now() - start))
} else throw new Error('usage: node verify.mjs setup|verify|rate <dir> [seconds]')
