// Logger settings shared by the server and the tests. Credentials must never reach a log line:
// pino's redaction removes them from the places they are known to live, and a last pass over every
// finished line masks anything that still looks like a password, an API token, a JWT or an
// Authorization value, wherever a future log call might have put it.
import type { FastifyServerOptions } from 'fastify';

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

const REDACTED = '[Redacted]';

const SECRET_KEYS = ['authorization', 'x-api-token', 'password', 'password_confirmation', 'token', 'api_token', 'jwt', 'secret', 'cookie'];

export const REDACT_PATHS = [
  ...['req.headers', 'request.headers', 'headers'].flatMap((at) => [`${at}.authorization`, `${at}["x-api-token"]`, `${at}.cookie`]),
  ...['req.body', 'request.body', 'body', 'user'].flatMap((at) => [`${at}.password`, `${at}.token`]),
  'password',
  'token',
];

const KEYS = SECRET_KEYS.join('|');
// "key":"value" pairs whose key names a secret, at any depth of the JSON line; then the same inside a
// string that itself holds JSON (escaped quotes), as when a body is stringified into a message.
const SECRET_FIELD = new RegExp(`"(${KEYS})"\\s*:\\s*"(?:[^"\\\\]|\\\\.)*"`, 'gi');
const ESCAPED_SECRET_FIELD = new RegExp(`\\\\"(${KEYS})\\\\"\\s*:\\s*\\\\"(?:[^"\\\\]|\\\\\\\\|\\\\[^"\\\\])*\\\\"`, 'gi');
const SECRET_VALUES: [RegExp, string][] = [
  // Authorization header values written into free text.
  [/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~|-]+/g, `$1 ${REDACTED}`],
  // Sanctum-style API tokens: "<id>|<40 characters>".
  [/\b\d+\|[A-Za-z0-9]{20,}/g, REDACTED],
  // JWTs (three base64url parts, the first two starting with "eyJ").
  [/eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  // Form or query pairs: token=..., api_token=..., password=..., in URLs and in free text.
  [/(\b[A-Za-z_-]*(?:token|password|secret)[A-Za-z_-]*=)[^&"\s\\]*/gi, `$1${REDACTED}`],
];

/** Masks secrets in one finished (JSON) log line; `known` are literal secrets (ADMIN_API_TOKEN). */
export function scrubLogLine(line: string, known: readonly string[] = []): string {
  let out = line
    .replace(SECRET_FIELD, (_match, key: string) => `"${key}":"${REDACTED}"`)
    .replace(ESCAPED_SECRET_FIELD, (_match, key: string) => `\\"${key}\\":\\"${REDACTED}\\"`);
  for (const [pattern, replacement] of SECRET_VALUES) out = out.replace(pattern, replacement);
  for (const secret of known) out = out.split(secret).join(REDACTED);
  return out;
}

/** `knownSecrets`: configured secrets of any shape, masked literally wherever they appear. */
export function loggerOptions(level: string, knownSecrets: (string | undefined)[] = []): LoggerOptions {
  const known = knownSecrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 8);
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: { streamWrite: (line: string) => scrubLogLine(line, known) },
  };
}
