import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder of the vendored standards' files (copied unchanged, see vendor/README.md). */
export const VENDOR_DIR = fileURLToPath(new URL('../vendor/', import.meta.url))

/** Reads one vendored file as UTF-8 text, by its path under vendor/. */
export function readVendorText(path: string): string {
  return readFileSync(join(VENDOR_DIR, path), 'utf8')
}

/** Lists vendored files under a folder of vendor/, recursively, as paths under vendor/, sorted. */
export function listVendorFiles(folder: string, suffix: string): string[] {
  const root = join(VENDOR_DIR, folder)
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(suffix))
    .map((name) => relative(VENDOR_DIR, join(root, name)))
    .sort()
}
