import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createSampleCorridorBill } from '@landsea/core/ebl'
import type { LandseaNode } from '@landsea/node'

/**
 * Starts a test fixture (`fixtures/<name>`) as its own node process and waits for the JSON line it
 * prints when it is ready.
 */
export async function startChild<Ready>(
  fixture: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess } & Ready> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures', fixture)],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const line = await new Promise<string>((resolve, reject) => {
    let buffered = ''
    child.stdout!.on('data', (chunk) => {
      buffered += String(chunk)
      const end = buffered.indexOf('\n')
      if (end >= 0) resolve(buffered.slice(0, end))
    })
    child.once('exit', (code) => reject(new Error(`child exited ${code}`)))
  })
  return { child, ...(JSON.parse(line) as Ready) }
}

/** The signal a child process ends with, once it has ended. */
export function exitSignal(child: ChildProcess): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode)
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
}

/**
 * Drafts a sample corridor bill on a node (it names a contact person: personal data) and issues it
 * to the shipper; returns its id.
 */
export async function issueToShipper(
  node: LandseaNode,
  o: { carrier: { id: string }; shipper: { id: string } },
  reference: string,
): Promise<string> {
  const record = await node.registry.createDraft({
    document: createSampleCorridorBill({ reference, carrier: o.carrier.id, shipper: o.shipper.id }),
    carrier: o.carrier.id,
  })
  await node.registry.act({
    documentId: record.id,
    actor: o.carrier.id,
    action: 'ISSUE',
    recipient: o.shipper.id,
  })
  return record.id
}
