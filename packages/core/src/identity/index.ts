export {
  assertNoIssues,
  IdentityError,
  type IdentifierIssueCode,
  type IdentityErrorCode,
  type IdentityIssue,
} from './identity-error.js'
export { computeUsccCheckCharacter, validateUscc } from './uscc.js'
export { detectUenFormat, uenCheckLetter, validateUen, type UenFormat } from './uen.js'
export { computeLeiCheckDigits, validateLei } from './lei.js'
export {
  IDENTIFIER_SCHEMES,
  validateIdentifier,
  type IdentifierCheck,
  type IdentifierScheme,
  type OrganisationIdentifier,
} from './identifier.js'
export { decodeMultibase, encodeMultibase } from './multibase.js'
export {
  algorithmOfJwk,
  jwkFromMultikey,
  multikeyFromJwk,
  publicJwkOf,
  verificationAlgorithmOfJwk,
} from './multikey.js'
export {
  DID_DOCUMENT_CONTEXT,
  isDid,
  jwkOfVerificationMethod,
  parseDidDocument,
  type DidDocument,
  type VerificationMethod,
} from './did-document.js'
export { didKeyFromJwk, resolveDidKey } from './did-key.js'
export {
  createDidDocument,
  didWebFromUrl,
  didWebToUrl,
  rotateDidDocumentKey,
  type DidKeyEntry,
} from './did-web.js'
export {
  createDidResolver,
  createMemoryDidCache,
  findVerificationKey,
  type CachedDidDocument,
  type DidDocumentCache,
  type DidResolver,
  type FetchDidDocument,
  type ResolvedKey,
} from './did-resolver.js'
export { createKeyLookup, type KeyLookup } from './key-lookup.js'
export { createJwkKeyLookup } from './jwk-key-lookup.js'
export {
  createLegalEntityCredential,
  createRoleCredential,
  issuerIdOf,
  landseaTypeOf,
  TRADE_ROLES,
  validateCredential,
  VC_V2_CONTEXT,
  type BitstringStatusListEntry,
  type LandseaCredentialType,
  type LegalEntitySubject,
  type RoleSubject,
  type TradeRole,
  type VerifiableCredential,
} from './credential.js'
export {
  addDataIntegrityProof,
  ALGORITHM_OF_CRYPTOSUITE,
  createProofSignatureCheck,
  SM2_CRYPTOSUITE,
  verifyDataIntegrity,
  type CanonicalForms,
  type CheckedProof,
  type ProofSignatureCheck,
  type Cryptosuite,
  type DataIntegrityProof,
  type SecuredDocument,
} from './data-integrity.js'
export {
  CREDENTIAL_ALGORITHMS,
  issueVcJwt,
  verifyVcJwt,
  VC_JWT_TYP,
  VP_JWT_TYP,
  type VerifiedVcJwt,
} from './vc-jwt.js'
export { assertValidAt } from './validity.js'
export {
  checkStatusEntries,
  createStatusBitstring,
  createStatusEntry,
  createStatusListCredential,
  createStatusListDecoder,
  decodeStatusList,
  type Gunzip,
  encodeStatusList,
  getStatusBit,
  MIN_STATUS_LIST_BITS,
  setStatusBit,
  statusEntriesOf,
  type StatusCheck,
} from './status-list.js'
export {
  issueSdJwtVc,
  peekTyp,
  presentSdJwtVc,
  SD_JWT_VC_TYP,
  verifySdJwt,
  W3C_SD_JWT_TYP,
  type VerifiedSdJwt,
} from './sd-jwt.js'
export {
  parseTrustList,
  readTrustList,
  signTrustList,
  TRUST_LIST_TYP,
  verifyTrustList,
  type TrustList,
  type TrustListEntry,
} from './trust-list.js'
export {
  readRecognition,
  RECOGNITION_TYP,
  signRecognition,
  verifyRecognition,
  type RecognitionStatement,
} from './recognition.js'
export {
  createTrustStatementVerifier,
  decideTrust,
  type TrustAnchor,
  type TrustDecision,
  type TrustMaterial,
  type TrustPathStep,
  type TrustQuery,
  type TrustStatementVerifier,
} from './trust-decision.js'
export {
  verifyCredential,
  type CredentialVerification,
  type CredentialVerifierOptions,
  type Verdict,
} from './verify-credential.js'
export { issueVpJwt, verifyVpJwt, type VerifiedPresentation } from './presentation.js'
export {
  proofMethodsOf,
  SIGNER_IDENTITY_TYPE,
  verifySignerIdentities,
  type SignerIdentity,
  type SignerIdentityEvidence,
} from './signer-identity.js'
export type {
  ChallengeStore,
  CredentialStore,
  IdentityStore,
  OrganisationKeyHistoryEntry,
  OrganisationVerification,
  StatusListStore,
  StoredCredential,
  StoredStatusList,
  TrustMaterialStore,
  VerificationStore,
} from './ports.js'
