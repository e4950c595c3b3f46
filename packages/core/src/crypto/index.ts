export { canonicalJson, canonicalJsonBytes } from './canonical-json.js'
export { CryptoError, type CryptoErrorCode } from './crypto-error.js'
export { sha256, sha256Hex, toHex } from './sha256.js'
export {
  generateSigningKeyPair,
  type PublicSigningKey,
  type SigningAlgorithm,
  type SigningKeyPair,
} from './signing-key.js'
export { readJwsHeader, signCompactJws, verifyCompactJws, type JwsHeader } from './compact-jws.js'
