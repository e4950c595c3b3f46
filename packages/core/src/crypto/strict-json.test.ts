import { describe, expect, it } from 'vitest'
import { parseStrictJson } from './strict-json.js'

describe('parseStrictJson', () => {
  it('parses JSON with unique member names', () => {
    expect(parseStrictJson('{"a":1,"b":[{"a":2},{"a":"{\\"a\\":3,\\"a\\":4}"}]}')).toEqual({
      value: { a: 1, b: [{ a: 2 }, { a: '{"a":3,"a":4}' }] },
    })
    expect(parseStrictJson('"x"')).toEqual({ value: 'x' })
  })

  it('refuses a duplicate member name with its path', () => {
    expect(parseStrictJson('{"d":{"placeOfIssue":"X","placeOfIssue":"Y"}}').error).toEqual({
      code: 'JSON_DUPLICATE_MEMBER',
      path: '/d/placeOfIssue',
      message: 'the member placeOfIssue appears twice',
    })
    // Escapes spell the same name differently; it is still the same name.
    expect(parseStrictJson('[0,{"a":1,"\\u0061":2}]').error?.path).toBe('/1/a')
    // Runs of backslashes before a quote: escaped when odd, the string's end when even.
    const names = ['a\\\\', 'a\\\\\\\\', 'a\\"', '\\"a', 'a']
    for (const [i, name] of names.entries()) {
      const others = names.filter((_, j) => j !== i).map((n, j) => `"${n}":${j}`)
      const text = `{"x":"\\\\\\"",${others.join(',')},"${name}":1,"y":"\\\\","${name}":2}`
      expect(JSON.parse(text)).toBeTypeOf('object')
      expect(parseStrictJson(text).error, text).toMatchObject({ code: 'JSON_DUPLICATE_MEMBER' })
      expect(parseStrictJson(text.replace(/,"y".*$/, '}')).error, text).toBeUndefined()
    }
  })

  it('finds a repeated name wherever it hides from a count of members', () => {
    // JSON.parse drops a repeated member's first value with all it holds; integer-like names
    // are reordered; colons and quotes inside strings are not structure.
    const texts = [
      '{"a":{"b":1,"c":2},"a":3}',
      '{"a":{"b":1,"b":2},"a":{"b":1}}',
      '[{"1":0,"0":1,"1":2}]',
      '{"k":"a:b\\\\","k":"\\\\\\":"}',
      '{"x":[{"y":{"z":1}},{"y":{"z":1,"z":2}}]}',
      '{"a":1,"\\u0061":{"p":"q"}}',
    ]
    for (const text of texts) {
      expect(JSON.parse(text), text).toBeTypeOf('object')
      expect(parseStrictJson(text).error?.code, text).toBe('JSON_DUPLICATE_MEMBER')
    }
    const unique = '{"k":"a:b\\\\","1":{"0":[":",{"x:y":"\\\\\\""}]},"0":{}}'
    expect(parseStrictJson(unique)).toEqual({ value: JSON.parse(unique) })
    expect(parseStrictJson('{"\\u005f_proto__":1}').error?.code).toBe('JSON_FORBIDDEN_MEMBER')
  })

  it('finds every repeated name in random texts with whitespace, colons and quotes in strings', () => {
    // The member count is compared with the colons after an unescaped quote: whitespace before a
    // colon, strings that begin with a colon, escaped quotes before one must never hide a repeat.
    let seed = 7
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const pieces = ['a', ':', ' :', '\\"', '\\\\', '\\":', ' ', 'b']
    const text = () =>
      Array.from({ length: random(4) }, () => pieces[random(pieces.length)]).join('')
    const ws = () => ['', ' ', '\n ', '\t', '\r\n'][random(5)]!
    const value = (depth: number): string => {
      const kind = random(depth > 2 ? 2 : 4)
      if (kind === 0) return `"${text()}"`
      if (kind === 1) return String(random(100))
      if (kind === 2)
        return `[${ws()}${Array.from({ length: random(3) }, () => value(depth + 1)).join(`${ws()},${ws()}`)}]`
      return object(depth + 1, random(4), false)
    }
    const object = (depth: number, size: number, repeat: boolean): string => {
      const names = Array.from({ length: size }, (_, i) => `${text()}${i}`)
      if (repeat && size > 0) names.push(names[random(size)]!)
      const members = names.map((n) => `"${n}"${ws()}:${ws()}${value(depth)}`)
      return `{${ws()}${members.join(`${ws()},${ws()}`)}${ws()}}`
    }
    for (let i = 0; i < 3000; i++) {
      const repeat = i % 2 === 1
      const t = `{"v":${object(1, 1 + random(4), repeat)},"w":${value(1)}}`
      expect(JSON.parse(t), t).toBeTypeOf('object')
      const result = parseStrictJson(t)
      if (repeat) expect(result.error?.code, t).toBe('JSON_DUPLICATE_MEMBER')
      else expect(result, t).toEqual({ value: JSON.parse(t) })
    }
  })

  it('refuses __proto__ by name and text that is not JSON', () => {
    expect(parseStrictJson('{"x":[{"__proto__":{}}]}').error).toMatchObject({
      code: 'JSON_FORBIDDEN_MEMBER',
      path: '/x/0/__proto__',
    })
    expect(parseStrictJson('{"a":1,}').error?.code).toBe('JSON_SYNTAX')
  })
})

describe('parseStrictJson numbers and strings', () => {
  it('refuses a number beyond a double and a lone surrogate', () => {
    expect(parseStrictJson('{"n":1e309}').error?.code).toBe('JSON_NUMBER_OUT_OF_RANGE')
    expect(parseStrictJson('["\\ud800"]').error?.message).toBe('a string has a lone surrogate')
    expect(parseStrictJson('["\\ud83d\\ude00"]')).toEqual({ value: ['\u{1f600}'] })
  })
})
