import type { PersonalCategory } from './field-decision.js'
import type { PrivacyErrorCode } from './privacy-error.js'
import type { BasisKind, PrivacyPolicy, TransferBasis } from './privacy-policy.js'

/** The ways personal data leaves a node; every one passes the gate. */
export type TransferChannel = 'bundle' | 'webhook' | 'api-read' | 'pint'

/** What the gate knows about one outbound flow, after finding the personal data in it. */
export interface TransferRequest {
  readonly channel: TransferChannel
  readonly exporter: string
  readonly recipient: string
  /** Undefined when the recipient is not known to the policy. */
  readonly recipientCountry: string | undefined
  readonly purpose: string
  readonly categories: readonly PersonalCategory[]
  readonly sensitive: boolean
  /** Distinct data subjects in this payload that the exporter has not yet sent abroad this year. */
  readonly newSubjects: number
  /** Whether the channel can carry a minimised copy (a signed bundle cannot). */
  readonly minimisable: boolean
  /** ISO date of the transfer, to check a basis's validity. */
  readonly date: string
}

/** Distinct individuals already exported this calendar year by the exporter (the register's counters). */
export interface YearCounters {
  readonly subjects: number
  readonly sensitiveSubjects: number
}

/** A warning that a threshold is near (≥ `warnAt` of it) or passed. */
export interface ThresholdWarning {
  readonly threshold: 'nonSensitiveExempt' | 'nonSensitiveAssessment' | 'sensitiveAssessment'
  readonly limit: number
  readonly count: number
}

/** The basis a transfer relied on, as recorded: its kind, id and evidence reference. */
export interface AppliedBasis {
  readonly kind: BasisKind | 'pipl-volume-exemption' | 'no-personal-data' | 'domestic'
  readonly id?: string
  readonly reference?: string
}

/** The gate's decision on a flow. */
export type TransferDecision =
  | {
      readonly action: 'send' | 'minimise'
      readonly crossBorder: boolean
      readonly basis: AppliedBasis
      readonly warnings: readonly ThresholdWarning[]
    }
  | {
      readonly action: 'refuse'
      readonly code: PrivacyErrorCode
      readonly message: string
      readonly warnings: readonly ThresholdWarning[]
    }

function covering(
  policy: PrivacyPolicy,
  request: TransferRequest,
  kinds: readonly BasisKind[],
): TransferBasis | undefined {
  return policy.bases.find(
    (b) =>
      kinds.includes(b.kind) &&
      (b.exporter === '*' || b.exporter === request.exporter) &&
      (b.recipient === '*' || b.recipient === request.recipient) &&
      b.recipientCountry === request.recipientCountry &&
      (b.purposes.includes('*') || b.purposes.includes(request.purpose)) &&
      (b.validUntil === undefined || b.validUntil >= request.date),
  )
}

const applied = (basis: TransferBasis): AppliedBasis => ({
  kind: basis.kind,
  id: basis.id,
  reference: basis.reference,
})

function refuse(
  code: PrivacyErrorCode,
  message: string,
  warnings: readonly ThresholdWarning[],
): TransferDecision {
  return { action: 'refuse', code, message, warnings }
}

/** Threshold positions after this transfer, warning from `warnAt` of each limit. */
export function thresholdWarnings(policy: PrivacyPolicy, after: YearCounters): ThresholdWarning[] {
  const { thresholds: t } = policy
  const checks = [
    ['nonSensitiveExempt', t.nonSensitiveExempt, after.subjects],
    ['nonSensitiveAssessment', t.nonSensitiveAssessment, after.subjects],
    ['sensitiveAssessment', t.sensitiveAssessment, after.sensitiveSubjects],
  ] as const
  return checks
    .filter(([, limit, count]) => count >= limit * t.warnAt)
    .map(([threshold, limit, count]) => ({ threshold, limit, count }))
}

/**
 * Decides a flow under the policy: the rows of the decision table (docs/privacy.md, from
 * crossborder.md A.7) evaluated top-down, first match wins. Pure: the counters come from the
 * register, the personal data from the data map.
 */
export function decideTransfer(
  policy: PrivacyPolicy,
  request: TransferRequest,
  counters: YearCounters,
): TransferDecision {
  const hasPersonalData = request.categories.length > 0
  if (request.recipientCountry === policy.jurisdiction) {
    return { action: 'send', crossBorder: false, basis: { kind: 'domestic' }, warnings: [] }
  }
  // Provisions Art. 3 (C3) / no PI: trade and transport data without personal information.
  if (!hasPersonalData) {
    return { action: 'send', crossBorder: true, basis: { kind: 'no-personal-data' }, warnings: [] }
  }
  const purpose = policy.purposes.find((p) => p.id === request.purpose)
  // Data minimisation (PIPL Art. 6, PDPA s. 18): a purpose that needs no personal data gets none.
  if (request.minimisable && purpose && !purpose.needsPersonalData) {
    return {
      action: 'minimise',
      crossBorder: true,
      basis: { kind: 'no-personal-data' },
      warnings: [],
    }
  }
  if (request.recipientCountry === undefined) {
    return refuse(
      'PRIVACY_RECIPIENT_COUNTRY_UNKNOWN',
      `recipient ${request.recipient} is not in the privacy policy: its country is unknown`,
      [],
    )
  }
  const after: YearCounters = {
    subjects: counters.subjects + request.newSubjects,
    sensitiveSubjects: counters.sensitiveSubjects + (request.sensitive ? request.newSubjects : 0),
  }
  const warnings = thresholdWarnings(policy, after)
  return policy.jurisdiction === 'CN'
    ? decidePipl(policy, request, after, warnings)
    : decidePdpa(policy, request, warnings)
}

function decidePipl(
  policy: PrivacyPolicy,
  request: TransferRequest,
  after: YearCounters,
  warnings: readonly ThresholdWarning[],
): TransferDecision {
  const send = (basis: AppliedBasis): TransferDecision => ({
    action: 'send',
    crossBorder: true,
    basis,
    warnings,
  })
  const { thresholds: t } = policy
  const assessment = covering(policy, request, ['pipl-security-assessment'])
  // C2: a CIIO needs a security assessment for any personal information (PIPL Art. 40).
  if (policy.ciio) {
    return assessment
      ? send(applied(assessment))
      : refuse(
          'PRIVACY_BASIS_MISSING_PIPL_SECURITY_ASSESSMENT',
          'a CIIO exports personal information only under a CAC security assessment (PIPL Art. 40)',
          warnings,
        )
  }
  // Art. 39: notice and separate consent, when the operator's counsel says it applies.
  const consent = covering(policy, request, ['pipl-consent'])
  if (policy.requireSeparateConsent && !consent) {
    return refuse(
      'PRIVACY_BASIS_MISSING_PIPL_CONSENT',
      'no separate-consent record covers this recipient and purpose (PIPL Art. 39)',
      warnings,
    )
  }
  // C5–C7: Provisions Art. 5(1)–(3) exempt whatever the volume.
  const exempt = covering(policy, request, ['pipl-contract-necessity', 'pipl-hr', 'pipl-emergency'])
  if (exempt) return send(applied(exempt))
  // C11: ≥ 1,000,000 non-sensitive or ≥ 10,000 sensitive individuals since 1 January.
  if (
    after.subjects >= t.nonSensitiveAssessment ||
    after.sensitiveSubjects >= t.sensitiveAssessment
  ) {
    return assessment
      ? send(applied(assessment))
      : refuse(
          'PRIVACY_BASIS_MISSING_PIPL_SECURITY_ASSESSMENT',
          `${after.subjects} individuals (${after.sensitiveSubjects} sensitive) this year: a CAC security assessment is required`,
          warnings,
        )
  }
  // C10: 100,000 to < 1,000,000 non-sensitive, or any sensitive below 10,000.
  if (after.subjects >= t.nonSensitiveExempt || after.sensitiveSubjects > 0) {
    const contract = covering(policy, request, [
      'pipl-standard-contract',
      'pipl-certification',
      'pipl-security-assessment',
    ])
    return contract
      ? send(applied(contract))
      : refuse(
          'PRIVACY_BASIS_MISSING_PIPL_STANDARD_CONTRACT_OR_CERTIFICATION',
          `${after.subjects} individuals (${after.sensitiveSubjects} sensitive) this year: a filed standard contract or a certification with ${request.recipient} is required`,
          warnings,
        )
  }
  // C9: under 100,000 non-sensitive individuals since 1 January (Provisions Art. 5(4)).
  return send(
    consent
      ? applied(consent)
      : { kind: 'pipl-volume-exemption', reference: 'CAC Provisions 2024 Art. 5(4)' },
  )
}

function decidePdpa(
  policy: PrivacyPolicy,
  request: TransferRequest,
  warnings: readonly ThresholdWarning[],
): TransferDecision {
  // PDPR 2021 regs 10–12: legally enforceable obligations, a specified certification, or reg 10(2).
  const basis = covering(policy, request, [
    'pdpa-contract',
    'pdpa-bcr',
    'pdpa-certification',
    'pdpa-consent',
    'pdpa-deemed',
  ])
  return basis
    ? { action: 'send', crossBorder: true, basis: applied(basis), warnings }
    : refuse(
        'PRIVACY_BASIS_MISSING_PDPA_TRANSFER_LIMITATION',
        `no contract, BCR, certification, consent or deemed case binds ${request.recipient} (${request.recipientCountry}) for ${request.purpose} (PDPA s. 26, PDPR 2021 reg 10)`,
        warnings,
      )
}
