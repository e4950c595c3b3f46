import { describe, expect, it } from 'vitest'
import { generateSigningKeyPair, type SigningKeyPair } from '../crypto/index.js'
import { createSampleCorridorBill } from '../ebl/sample-bill.js'
import { fromPintAction, toPintAction } from './action-mapping.js'
import {
  buildEnvelope,
  checkEnvelope,
  isRefusal,
  jwsChecksum,
  publicPlatformJwk,
  type PintParty,
  type PintTransaction,
  type PlatformKeys,
} from './envelope.js'

const party = (eblPlatform: string, partyCode: string): PintParty => ({
  partyName: partyCode,
  eblPlatform,
  identifyingCodes: [{ codeListProvider: 'GLEIF', partyCode }],
})
const carrier = party('LSCQ', 'CARRIER')
const shipper = party('LSCQ', 'SHIPPER')
const bank = party('LSSG', 'BANK')
const tx = (
  actionCode: string,
  actor: PintParty,
  recipient?: PintParty,
  comments?: string,
): PintTransaction => ({
  actionCode,
  actor,
  ...(recipient ? { recipient } : {}),
  actionDateTime: '2026-05-01T08:00:00Z',
  ...(comments ? { comments } : {}),
})

describe('PINT action mapping', () => {
  it('maps our codes to PINT and back; a pledge travels in comments; VOID does not travel', () => {
    expect(toPintAction('ENDORSE_TO_ORDER')).toEqual({ actionCode: 'ENDORSE_TO_ORDER' })
    expect(toPintAction('TRANSFER', 'PLEDGE')).toEqual({
      actionCode: 'TRANSFER',
      comments: 'landsea:PLEDGE',
    })
    expect(toPintAction('VOID')).toBeUndefined()
    expect(fromPintAction('TRANSFER', 'landsea:RELEASE')).toEqual({
      action: 'TRANSFER',
      pledge: 'RELEASE',
    })
    expect(fromPintAction('SIGN')).toBe('SKIP')
    expect(fromPintAction('LEND')).toBeUndefined()
  })
})

describe('PINT envelopes: build, sign, check', () => {
  const document = createSampleCorridorBill({
    reference: 'LSPINTCORE01',
    carrier: 'c',
    shipper: 's',
  }) as unknown as Record<string, unknown>
  let cq: SigningKeyPair
  let keys: Record<string, PlatformKeys>
  const keysOf = (code: string) => keys[code]
  const toBank = [
    tx('ISSUE', carrier, shipper),
    tx('ENDORSE_TO_ORDER', shipper, bank),
    tx('TRANSFER', shipper, bank),
  ]

  it('accepts a well-formed envelope and replays its title', async () => {
    cq = await generateSigningKeyPair({ alg: 'EdDSA' })
    keys = { LSCQ: { keys: [publicPlatformJwk(cq)] } }
    const built = await buildEnvelope({
      transportDocument: document,
      platform: 'LSCQ',
      transactions: toBank,
      key: cq,
    })
    const checked = await checkEnvelope({ envelope: built.envelope, platform: 'LSSG', keysOf })
    expect(isRefusal(checked)).toBe(false)
    if (isRefusal(checked)) return
    expect(checked.lastEntryChecksum).toBe(built.lastEntryChecksum)
    expect(checked.state.possessor).toBe('LSSG/GLEIF//BANK')
    expect(checked.state.holder).toBe('LSSG/GLEIF//BANK')
    expect(checked.sender).toBe('LSCQ')
  })

  it('extends a received chain: the next entry links to the previous one', async () => {
    const first = await buildEnvelope({
      transportDocument: document,
      platform: 'LSCQ',
      transactions: toBank,
      key: cq,
    })
    const sg = await generateSigningKeyPair({ alg: 'ES256' })
    keys = { ...keys, LSSG: { keys: [publicPlatformJwk(sg)] } }
    const back = await buildEnvelope({
      transportDocument: document,
      previousChain: first.envelope.envelopeTransferChain,
      platform: 'LSSG',
      transactions: [tx('SURRENDER_FOR_DELIVERY', bank, { ...carrier })],
      key: sg,
    })
    const checked = await checkEnvelope({ envelope: back.envelope, platform: 'LSCQ', keysOf })
    expect(isRefusal(checked) ? checked.reason : checked.state.status).toBe(
      'PENDING_SURRENDER_FOR_DELIVERY',
    )
    const dropped = {
      ...back.envelope,
      envelopeTransferChain: back.envelope.envelopeTransferChain.slice(1),
    }
    expect(await checkEnvelope({ envelope: dropped, platform: 'LSCQ', keysOf })).toMatchObject({
      responseCode: 'BENV',
    })
  })

  it('refuses unknown keys (BSIG), wrong recipients, broken title rules and swapped manifests (BENV)', async () => {
    const stranger = await generateSigningKeyPair({ alg: 'EdDSA' })
    const unknown = await buildEnvelope({
      transportDocument: document,
      platform: 'LSCQ',
      transactions: toBank,
      key: stranger,
    })
    expect(
      await checkEnvelope({ envelope: unknown.envelope, platform: 'LSSG', keysOf }),
    ).toMatchObject({ responseCode: 'BSIG' })
    const ok = await buildEnvelope({
      transportDocument: document,
      platform: 'LSCQ',
      transactions: toBank,
      key: cq,
    })
    expect(await checkEnvelope({ envelope: ok.envelope, platform: 'BOLE', keysOf })).toMatchObject({
      responseCode: 'BENV',
    })
    const rogue = await buildEnvelope({
      transportDocument: document,
      platform: 'LSCQ',
      transactions: [tx('ISSUE', carrier, shipper), tx('TRANSFER', bank, party('LSSG', 'X'))],
      key: cq,
    })
    const refused = await checkEnvelope({ envelope: rogue.envelope, platform: 'LSSG', keysOf })
    expect(refused).toMatchObject({ responseCode: 'BENV' })
    const other = await buildEnvelope({
      transportDocument: { ...document, transportDocumentReference: 'OTHER' },
      platform: 'LSCQ',
      transactions: toBank,
      key: cq,
    })
    const swapped = {
      ...ok.envelope,
      envelopeManifestSignedContent: other.envelope.envelopeManifestSignedContent,
    }
    expect(await checkEnvelope({ envelope: swapped, platform: 'LSSG', keysOf })).toMatchObject({
      responseCode: 'BENV',
    })
    expect(jwsChecksum(ok.envelope.envelopeTransferChain[0]!)).toBe(ok.lastEntryChecksum)
  })
})
