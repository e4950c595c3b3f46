import { createHash, randomBytes } from 'node:crypto'

/** A new API key: 32 random bytes, base64url, prefixed so it is recognisable in logs and secrets scanners. */
export function createApiKey(): string {
  return `lsk_${randomBytes(32).toString('base64url')}`
}

/** API keys are stored only as their SHA-256. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex')
}
