// One body parser for every content type. PHP clients send JSON, form-encoded bodies, and form-encoded
// bodies behind a JSON content type (http_build_query with a JSON header): try JSON, then form.
import type { FastifyInstance } from 'fastify';
import qs from 'qs';
import secureJson from 'secure-json-parse';

const FORM_OPTIONS = { depth: 5, parameterLimit: 1000, arrayLimit: 100, allowPrototypes: false } as const;

export function parseBody(raw: string): unknown {
  const text = raw.trim();
  if (text === '') return {};
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' });
    } catch {
      // Not JSON after all: fall through to form decoding.
    }
  }
  return qs.parse(text, FORM_OPTIONS);
}

export function registerBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseBody(body as string));
  });
}
