import type { AppendResult } from '@landsea/core/ledger'

/**
 * Turns an append function into one with group commit: calls made while an append is in flight
 * wait and share the next one. Every leaf is still durable before its caller's promise resolves,
 * but under concurrent title actions the log commits once per group instead of once per action.
 */
export function createGroupAppender(
  append: (leaves: readonly Uint8Array[]) => Promise<AppendResult>,
): (leaves: readonly Uint8Array[]) => Promise<AppendResult> {
  type Waiting = {
    readonly leaves: readonly Uint8Array[]
    resolve(result: AppendResult): void
    reject(error: unknown): void
  }
  let queue: Waiting[] = []
  let isRunning = false

  async function drain(): Promise<void> {
    isRunning = true
    while (queue.length > 0) {
      const group = queue
      queue = []
      try {
        const { firstIndex, treeSize } = await append(group.flatMap((w) => w.leaves))
        let index = firstIndex
        for (const waiting of group) {
          waiting.resolve({ firstIndex: index, treeSize })
          index += waiting.leaves.length
        }
      } catch (error) {
        for (const waiting of group) waiting.reject(error)
      }
    }
    isRunning = false
  }

  return (leaves) =>
    new Promise<AppendResult>((resolve, reject) => {
      queue.push({ leaves, resolve, reject })
      if (!isRunning) void drain()
    })
}
