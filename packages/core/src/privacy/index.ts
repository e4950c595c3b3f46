export {
  compilePersonalDataLocator,
  DATA_MAP,
  findPersonalData,
  MAPPED_STANDARDS,
  minimisePayload,
  schemasOf,
  type FoundPersonalValue,
  type LocatedPersonalValues,
  type PersonalDataLocator,
  type PersonalField,
} from './data-map.js'
export {
  type FieldClass,
  type FieldDecision,
  type PersonalCategory,
  type SchemaFieldDecisions,
} from './field-decision.js'
export { PrivacyError, type PrivacyErrorCode } from './privacy-error.js'
export {
  BASIS_KINDS,
  defaultPrivacyPolicy,
  JURISDICTIONS,
  parsePrivacyPolicyFile,
  validatePrivacyPolicy,
  type BasisKind,
  type Jurisdiction,
  type PolicyFileIssue,
  type PolicyPurpose,
  type PolicyRecipient,
  type PrivacyPolicy,
  type RetentionRule,
  type TransferBasis,
} from './privacy-policy.js'
export {
  decideTransfer,
  thresholdWarnings,
  type AppliedBasis,
  type ThresholdWarning,
  type TransferChannel,
  type TransferDecision,
  type TransferRequest,
  type YearCounters,
} from './transfer-decision.js'
export {
  type TransferLeafEncoder,
  type TransferRecord,
  type TransferRegisterStore,
  type TransferRow,
} from './transfer-record.js'
export {
  countSubjects,
  exporterSubjects,
  inYear,
  transferReport,
  transferReportCsv,
  type SubjectCounters,
  type TransferReportRow,
} from './transfer-report.js'
export {
  commitPersonalValue,
  committedDocument,
  createSalt,
  documentChecksumOf,
  erasedPlaceholder,
  isCommitmentOnly,
  PERSONAL_DATA_SCHEME,
  personalDataProblem,
  withoutPersonalValues,
  type BundlePersonalData,
  type CommittedField,
  type PersonalCommitment,
  type PersonalDisclosure,
} from './commitments.js'
export {
  PLAIN_CHECKSUM_PATH,
  type AccessLogEntry,
  type ErasureRequest,
  type PrivacyStore,
  type TransferIntent,
  type VaultEntry,
} from './privacy-store.js'
