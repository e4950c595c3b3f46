export type { NodeSettingsStore } from './settings-store.js'
export type { JobLeases } from './job-leases.js'
export type { SecretCipher } from './secret-cipher.js'
