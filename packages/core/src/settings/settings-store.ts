/**
 * Port: the node's own settings (its name, jurisdiction, ledger keys, peers, policies), as JSON
 * values by key. A setting holding secrets is kept only by the node that owns it.
 */
export interface NodeSettingsStore {
  get<T>(key: string): Promise<T | undefined>
  set(key: string, value: unknown): Promise<void>
}
