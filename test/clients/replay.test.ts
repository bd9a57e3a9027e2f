// The replay harness's PHP emulation must encode bodies exactly as PHP does, or the fixtures prove nothing.
import { describe, expect, it } from 'vitest';
import { checkReads, httpBuildQuery, phpJsonEncode, substitute } from './replay.js';

describe('PHP encoders', () => {
  it('http_build_query: nulls and empty arrays vanish, booleans are 1/0, brackets and specials encoded', () => {
    const query = httpBuildQuery({ a: 'x y', b: null, c: { k: 'v' }, d: true, e: [], f: 'a@b.c', g: "~*'", h: false, i: 0 });
    expect(query).toBe('a=x+y&c%5Bk%5D=v&d=1&f=a%40b.c&g=%7E%2A%27&h=0&i=0');
  });

  it('json_encode: slashes escaped, non-ASCII as \\u escapes, [] kept', () => {
    expect(phpJsonEncode({ u: 'a/b', n: 'é', e: [], z: null })).toBe('{"u":"a\\/b","n":"\\u00e9","e":[],"z":null}');
  });
});

describe('fixture variables and reads', () => {
  it('keeps a whole {{var}} typed, and makes {{var|string}} and embedded ones strings', () => {
    expect(substitute({ a: '{{id}}', b: '{{id|string}}', c: '/api/x/{{id}}' }, { id: 4 })).toEqual({ a: 4, b: '4', c: '/api/x/4' });
    expect(() => substitute('{{missing}}', {})).toThrow('fixture uses {{missing}} before saving it');
  });

  it('reports a missing field, a wrong type and an empty list', () => {
    const body = { user: { id: '1' }, tickets: [] };
    expect(checkReads(body, { 'user.id': 'int', 'user.name': 'string', 'tickets[*].id': 'int' })).toEqual([
      'user.id: expected int, got "1"',
      'user.name: expected string, got undefined',
      'tickets[*].id: expected int, got empty-array',
    ]);
  });
});
