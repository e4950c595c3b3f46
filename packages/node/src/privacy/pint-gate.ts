import type { PintIdentifyingCode } from '@landsea/core/pint'
import type { PrivacyGate } from './privacy-gate.js'

// Identifiers issued by one country's register say where the party is: China's unified social
// credit code (GB 32100-2015) and Singapore's unique entity number (ACRA). An LEI says nothing.
const REGISTER_COUNTRY: Readonly<Record<string, string>> = { USCC: 'CN', UEN: 'SG' }

/** What the PINT channel asks the gate about: one bill about to leave for another platform. */
export interface PintOutbound {
  /** The organisation handing the bill over. */
  readonly actor: string
  /** The receiving platform's code. */
  readonly platform: string
  /** The receiving party's identifying code. */
  readonly party: PintIdentifyingCode
  readonly transportDocument: unknown
}

/**
 * The PINT channel's call into the gate, once per transfer before it is stored and sent (so a
 * retry records nothing more): the recipient is the receiving platform, `pint:<code>`, in the
 * country whose register identifies the receiving party (USCC, UEN; else the policy's `recipients`
 * give it), the purpose `title-transfer`. A transport document is
 * never minimised: its checksum is signed in the chain and in our action entries, so a changed
 * copy would be another bill. It leaves whole under a basis, or the transfer is refused
 * (`PrivacyError`) and nothing is stored or sent.
 */
export function pintGate(gate: PrivacyGate): (outbound: PintOutbound) => Promise<void> {
  return async ({ actor, platform, party, transportDocument }) => {
    const country =
      party.codeListProvider === 'ZZZ' ? REGISTER_COUNTRY[party.codeListName ?? ''] : undefined
    await gate.checkOutbound({
      channel: 'pint',
      exporter: actor,
      recipient: `pint:${platform}`,
      ...(country ? { recipientCountry: country } : {}),
      purpose: 'title-transfer',
      payload: transportDocument,
    })
  }
}
