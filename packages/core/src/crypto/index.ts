export {
  canonicalJson,
  canonicalJsonBytes,
  canonicalJsonOfJsonData,
  sameCanonicalJson,
} from './canonical-json.js'
export { CryptoError, type CryptoErrorCode } from './crypto-error.js'
export { sha256, sha256Hex, toHex, type Sha256 } from './sha256.js'
export {
  generateSigningKeyPair,
  SIGNING_ALGORITHMS,
  type PublicSigningKey,
  type SigningAlgorithm,
  type VerificationAlgorithm,
  type SigningKeyPair,
} from './signing-key.js'
export { readJwsHeader, signCompactJws, verifyCompactJws, type JwsHeader } from './compact-jws.js'
export {
  createJwsVerifierSession,
  verifyJwsText,
  type JwsRecord,
  type JwsVerifierSession,
  type VerifyCompactJws,
  type VerifyJwsOptions,
} from './jws-verifier.js'
export {
  compactSignaturesOf,
  primaryCompactOf,
  signGeneralJws,
  signJwsText,
  toCompactJws,
  verifyGeneralJws,
  type CheckedJwsSignature,
  type GeneralJws,
  type GeneralJwsSignature,
  type JwsSigner,
  type VerifiedGeneralJws,
} from './dual-jws.js'
export { sm3 } from './sm3.js'
export {
  SM2_DEFAULT_USER_ID,
  sm2ComputeZa,
  sm2GeneratePrivateKey,
  sm2GetPublicKey,
  sm2Sign,
  sm2Verify,
  type Sm2Options,
} from './sm2.js'
export {
  SM2_JOSE_ALG,
  SM2_JWK_CRV,
  sm2JwkFromPublicKey,
  sm2PrivateKeyFromJwk,
  sm2PublicKeyFromJwk,
} from './sm2-jwk.js'
export { fromBase64, fromBase64Url, portableBase64, toBase64, toBase64Url } from './base64.js'
export {
  ed25519PublicKey,
  initEd25519Verifier,
  isFastEd25519Verifier,
  signEd25519,
  verifyEd25519,
  type Ed25519Verify,
} from './ed25519.js'
export {
  createDeferredEd25519,
  createWebCryptoEd25519Verifier,
  type DeferredEd25519,
  type Ed25519VerifyAsync,
} from './ed25519-async.js'
export { createStrictEd25519Verifier, hasStrictEd25519Encoding } from './ed25519-strict.js'
export {
  createEd25519JwsVerifier,
  ed25519PublicKeyFromJwk,
  verifyEd25519Jws,
  verifyEd25519JwsSignature,
} from './ed25519-jws.js'
export { verifyP256Jws, type P256Verify } from './p256-jws.js'
export { parseStrictJson, type StrictJsonError, type StrictJsonErrorCode } from './strict-json.js'
