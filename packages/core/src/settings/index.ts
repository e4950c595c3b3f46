export type { NodeSettingsStore } from './settings-store.js'
