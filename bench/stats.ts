import { readFileSync } from 'node:fs'

/** Percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

/** Rounds for tables. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

/**
 * CPU time (ms) the calling process's main thread has used, from Linux's /proc (10 ms ticks), or
 * undefined elsewhere. Unlike event-loop utilisation it does not count time the thread waited for a
 * core, so it stays comparable on a busy machine.
 */
export function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return undefined
  }
}

/** CPU ms used so far: the main thread (from /proc, NaN elsewhere) and the whole process. */
export function processCpuMs(): { readonly main: number; readonly all: number } {
  const all = process.cpuUsage()
  return { main: mainThreadCpuMs() ?? Number.NaN, all: (all.user + all.system) / 1000 }
}

/**
 * CPU time (ms, user + system) of this process's children that have ended and been waited for
 * (`spawnSync`), from Linux's /proc; undefined elsewhere. A child's CPU time, like
 * {@link mainThreadCpuMs}, does not count the time it waited for a core.
 */
export function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100
  } catch {
    return undefined
  }
}
