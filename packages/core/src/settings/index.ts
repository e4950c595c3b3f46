export type { NodeSettingsStore } from './settings-store.js'
export type { SecretCipher } from './secret-cipher.js'
