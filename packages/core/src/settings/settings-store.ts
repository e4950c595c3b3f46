/**
 * Port: the node's own settings (its name, jurisdiction, ledger keys, peers, policies), as JSON
 * values by key. A setting holding secrets is kept only by the node that owns it.
 */
export interface NodeSettingsStore {
  get<T>(key: string): Promise<T | undefined>
  set(key: string, value: unknown): Promise<void>
  /**
   * The value of `key`, created by `create` and stored if there is none. When processes sharing the
   * database race to create it, the first write wins and every one of them returns that value.
   */
  initialise<T>(key: string, create: () => T | Promise<T>): Promise<T>
}
