import { parseStrictJson } from '@landsea/core/crypto'
import type { FastifyInstance } from 'fastify'
import { ApiError } from './errors.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The charset a JSON media type names, lower-cased; undefined when it names none. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')
  return match?.[1]?.toLowerCase()
}

/**
 * Replaces Fastify's JSON body parser with a strict one: only UTF-8 (RFC 8259 §8.1; a charset
 * other than utf-8 is `UNSUPPORTED_MEDIA_TYPE`, bytes that are not UTF-8 `REQUEST_MALFORMED`), and
 * I-JSON member names (core's `parseStrictJson`): a duplicate member is `JSON_DUPLICATE_MEMBER`,
 * `__proto__` is `JSON_FORBIDDEN_MEMBER`, both 400 with the member's path as the issue. Install it
 * before the routes.
 */
export function installStrictJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = charsetOf(request.headers['content-type'])
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      done(new ApiError('UNSUPPORTED_MEDIA_TYPE', 'JSON is accepted in UTF-8 only'), undefined)
      return
    }
    const bytes = body as Buffer
    if (bytes.length === 0) {
      done(new ApiError('REQUEST_MALFORMED', 'the JSON body is empty'), undefined)
      return
    }
    let text: string
    try {
      text = utf8.decode(bytes)
    } catch {
      done(new ApiError('REQUEST_MALFORMED', 'the body is not UTF-8'), undefined)
      return
    }
    const parsed = parseStrictJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
    if (parsed.error) {
      const { code, path, message } = parsed.error
      const error =
        code === 'JSON_SYNTAX'
          ? new ApiError('REQUEST_MALFORMED', `the body is not JSON: ${message}`)
          : new ApiError(code, message, { issues: [{ path, code, message }] })
      done(error, undefined)
      return
    }
    done(null, parsed.value)
  })
}
