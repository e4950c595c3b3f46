export { createFastJwsVerifier, fastSignJws } from './fast-jws.js'
export {
  nodeEd25519Implementation,
  nodeEd25519PublicKey,
  nodeEd25519Verify,
  opensslEd25519Verify,
} from './node-ed25519.js'
export { nativeSha256Hex, nodeSha256 } from './node-sha256.js'
export { nodeGunzip } from './node-gunzip.js'
export { nodeP256Verify } from './node-p256.js'
export { NATIVE_VERIFY_PRIMITIVES } from './native-primitives.js'
