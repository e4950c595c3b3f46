import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml'
import type { Issue } from '../errors/index.js'
import { PrivacyError } from './privacy-error.js'

/** Jurisdictions whose transfer rules the policy model knows. */
export const JURISDICTIONS = ['CN', 'SG'] as const
/** A jurisdiction of {@link JURISDICTIONS}. */
export type Jurisdiction = (typeof JURISDICTIONS)[number]

/**
 * Kinds of legal basis for an outbound transfer (docs/privacy.md cites each):
 * PIPL Art. 38 and the CAC Provisions of 2024 for `pipl-*`, PDPA s. 26 and PDPR 2021 regs 10–12 for
 * `pdpa-*`.
 */
export const BASIS_KINDS = {
  CN: [
    'pipl-contract-necessity',
    'pipl-hr',
    'pipl-emergency',
    'pipl-consent',
    'pipl-standard-contract',
    'pipl-certification',
    'pipl-security-assessment',
  ],
  SG: ['pdpa-contract', 'pdpa-bcr', 'pdpa-certification', 'pdpa-consent', 'pdpa-deemed'],
} as const satisfies Record<Jurisdiction, readonly string[]>

/** A kind of legal basis. */
export type BasisKind = (typeof BASIS_KINDS)[Jurisdiction][number]

/** A legal basis the exporter has registered: what it covers and the evidence (`reference`). */
export interface TransferBasis {
  readonly id: string
  readonly kind: BasisKind
  /** The exporting organisation's id, or `*` for every exporter on the node. */
  readonly exporter: string
  /** The recipient (organisation id or webhook origin), or `*`. */
  readonly recipient: string
  readonly recipientCountry: string
  /** Purposes covered, or `['*']`. */
  readonly purposes: readonly string[]
  /** Contract id, filing number, certificate number, consent record. */
  readonly reference: string
  /** Last day of validity (ISO date), e.g. a certificate's or an assessment's 3 years. */
  readonly validUntil?: string
}

/** A known recipient: who it is and its country (webhook origins are matched here). */
export interface PolicyRecipient {
  readonly id: string
  readonly country: string
}

/** A purpose of processing and whether it needs personal data in clear. */
export interface PolicyPurpose {
  readonly id: string
  readonly needsPersonalData: boolean
}

/** How long a kind of record is kept whatever an erasure request says (legal retention). */
export interface RetentionRule {
  readonly record: string
  readonly years: number
  readonly reason: string
}

/**
 * A node's privacy policy: data, versioned, one per node. The thresholds are the CAC Provisions'
 * bands (distinct individuals since 1 January, per exporter); `warnAt` is the share of a threshold
 * at which the gate warns.
 */
export interface PrivacyPolicy {
  readonly version: 1
  readonly revision: string
  readonly jurisdiction: Jurisdiction
  /** A critical information infrastructure operator (PIPL Art. 40): every export needs an assessment. */
  readonly ciio: boolean
  /** Require an Art. 39 separate-consent record for every CN export (a counsel question, A.1). */
  readonly requireSeparateConsent: boolean
  readonly thresholds: {
    readonly nonSensitiveExempt: number
    readonly nonSensitiveAssessment: number
    readonly sensitiveAssessment: number
    readonly warnAt: number
  }
  readonly recipients: readonly PolicyRecipient[]
  readonly purposes: readonly PolicyPurpose[]
  readonly bases: readonly TransferBasis[]
  readonly retention: readonly RetentionRule[]
}

/** The default policy of a node in a jurisdiction: thresholds of the law, no bases registered. */
export function defaultPrivacyPolicy(jurisdiction: Jurisdiction): PrivacyPolicy {
  return {
    version: 1,
    revision: 'default',
    jurisdiction,
    ciio: false,
    requireSeparateConsent: false,
    thresholds: {
      nonSensitiveExempt: 100_000,
      nonSensitiveAssessment: 1_000_000,
      sensitiveAssessment: 10_000,
      warnAt: 0.8,
    },
    recipients: [],
    purposes: [
      { id: 'carriage', needsPersonalData: true },
      { id: 'tracking', needsPersonalData: false },
      { id: 'title-transfer', needsPersonalData: true },
    ],
    bases: [],
    retention: [
      { record: 'shipping-record', years: 3, reason: 'PIPL Art. 56: processing records ≥ 3 years' },
    ],
  }
}

type Check = (value: unknown) => string | undefined
const str: Check = (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'a non-empty string')
const bool: Check = (v) => (typeof v === 'boolean' ? undefined : 'true or false')
const count: Check = (v) =>
  Number.isInteger(v) && (v as number) > 0 ? undefined : 'a positive integer'
const share: Check = (v) =>
  typeof v === 'number' && v > 0 && v <= 1 ? undefined : 'a number in (0, 1]'
const country: Check = (v) =>
  typeof v === 'string' && /^[A-Z]{2}$/.test(v) ? undefined : 'an ISO 3166 alpha-2 code'
const date: Check = (v) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? undefined : 'a date YYYY-MM-DD'

/**
 * Checks a parsed policy; every problem is an issue with its JSON pointer. An unknown jurisdiction
 * is `PRIVACY_JURISDICTION_UNKNOWN`, anything else `PRIVACY_POLICY_INVALID`.
 */
export function validatePrivacyPolicy(value: unknown): PrivacyPolicy {
  const issues: Issue[] = []
  const add = (path: string, message: string, code = 'POLICY_FIELD_INVALID') =>
    issues.push({ path, code, message })
  const field = (object: unknown, path: string, key: string, check: Check, optional = false) => {
    const v = (object as Record<string, unknown>)[key]
    if (v === undefined) {
      if (!optional) add(`${path}/${key}`, `${key} is required`, 'POLICY_FIELD_REQUIRED')
      return
    }
    const problem = check(v)
    if (problem) add(`${path}/${key}`, `${key} must be ${problem}`)
  }
  const list = (object: Record<string, unknown>, key: string): Record<string, unknown>[] => {
    const v = object[key]
    if (!Array.isArray(v)) {
      add(`/${key}`, `${key} must be an array`)
      return []
    }
    return v.map((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        add(`/${key}/${i}`, 'must be an object')
        return {}
      }
      return item as Record<string, unknown>
    })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PrivacyError('PRIVACY_POLICY_INVALID', 'a privacy policy is a JSON object', {
      issues: [{ path: '', code: 'POLICY_FIELD_INVALID', message: 'must be an object' }],
    })
  }
  const p = value as Record<string, unknown>
  if (p.version !== 1) add('/version', 'version must be 1')
  field(p, '', 'revision', str)
  if (!JURISDICTIONS.includes(p.jurisdiction as Jurisdiction)) {
    throw new PrivacyError(
      'PRIVACY_JURISDICTION_UNKNOWN',
      `unknown jurisdiction ${JSON.stringify(p.jurisdiction)}: known are ${JURISDICTIONS.join(', ')}`,
      {
        issues: [
          {
            path: '/jurisdiction',
            code: 'POLICY_JURISDICTION_UNKNOWN',
            message: 'must be CN or SG',
          },
        ],
      },
    )
  }
  const jurisdiction = p.jurisdiction as Jurisdiction
  field(p, '', 'ciio', bool)
  field(p, '', 'requireSeparateConsent', bool)
  const t = p.thresholds
  if (typeof t !== 'object' || t === null) add('/thresholds', 'thresholds must be an object')
  else {
    for (const key of ['nonSensitiveExempt', 'nonSensitiveAssessment', 'sensitiveAssessment'])
      field(t, '/thresholds', key, count)
    field(t, '/thresholds', 'warnAt', share)
  }
  list(p, 'recipients').forEach((r, i) => {
    field(r, `/recipients/${i}`, 'id', str)
    field(r, `/recipients/${i}`, 'country', country)
  })
  list(p, 'purposes').forEach((r, i) => {
    field(r, `/purposes/${i}`, 'id', str)
    field(r, `/purposes/${i}`, 'needsPersonalData', bool)
  })
  const kinds: readonly string[] = BASIS_KINDS[jurisdiction]
  list(p, 'bases').forEach((b, i) => {
    const path = `/bases/${i}`
    for (const key of ['id', 'exporter', 'recipient', 'reference']) field(b, path, key, str)
    field(b, path, 'recipientCountry', country)
    field(b, path, 'validUntil', date, true)
    if (!kinds.includes(b.kind as string))
      add(`${path}/kind`, `kind must be one of ${kinds.join(', ')} for a ${jurisdiction} exporter`)
    if (!Array.isArray(b.purposes) || !b.purposes.every((x) => typeof x === 'string'))
      add(`${path}/purposes`, 'purposes must be an array of strings')
  })
  list(p, 'retention').forEach((r, i) => {
    field(r, `/retention/${i}`, 'record', str)
    field(r, `/retention/${i}`, 'years', count)
    field(r, `/retention/${i}`, 'reason', str)
  })
  if (issues.length > 0) {
    throw new PrivacyError(
      'PRIVACY_POLICY_INVALID',
      `the privacy policy has ${issues.length} problem(s): ${issues.map((x) => `${x.path} ${x.message}`).join('; ')}`,
      { issues },
    )
  }
  return value as unknown as PrivacyPolicy
}

/** An issue of a policy file, with its line (1-based) when the path points into the text. */
export interface PolicyFileIssue extends Issue {
  readonly line?: number
}

/**
 * Parses a policy file (JSON, or YAML) and validates it; each issue carries the line of the field
 * it is about, so `landsea privacy policy set` can say "line 12: /bases/0/kind …".
 */
export function parsePrivacyPolicyFile(text: string): PrivacyPolicy {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: false })
  if (document.errors.length > 0) {
    const error = document.errors[0]!
    const line = lineCounter.linePos(error.pos[0]).line
    throw new PrivacyError('PRIVACY_POLICY_INVALID', `line ${line}: ${error.message}`, {
      issues: [
        { path: '', code: 'POLICY_SYNTAX', message: error.message, line } as PolicyFileIssue,
      ],
    })
  }
  try {
    return validatePrivacyPolicy(document.toJS())
  } catch (error) {
    if (!(error instanceof PrivacyError) || !error.issues) throw error
    const lineOf = (path: string): number | undefined => {
      const segments = path.split('/').slice(1)
      for (let n = segments.length; n >= 0; n--) {
        const node = document.getIn(
          segments.slice(0, n).map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
          true,
        ) as Node | undefined
        if (node && (isMap(node) || isScalar(node) || node.range)) {
          if (node.range) return lineCounter.linePos(node.range[0]).line
        }
      }
      return undefined
    }
    const issues: PolicyFileIssue[] = error.issues.map((issue) => {
      const line = lineOf(issue.path)
      return line === undefined ? issue : { ...issue, line }
    })
    throw new PrivacyError(
      error.code,
      issues.map((i) => `${i.line ? `line ${i.line}: ` : ''}${i.path} ${i.message}`).join('; '),
      { issues },
    )
  }
}
