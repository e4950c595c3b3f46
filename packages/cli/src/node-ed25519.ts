/** The Node Ed25519 verifiers live in the server package; the CLI verifies bundles with the same. */
export { nodeEd25519Verify, opensslEd25519Verify } from '@landsea/server'
