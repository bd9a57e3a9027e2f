// Reads the caller's credentials from the request headers, in the three staff styles and the customer JWT.
import type { IncomingHttpHeaders } from 'node:http';

export type Credentials =
  | { kind: 'staff-token'; token: string; email: string | null }
  | { kind: 'customer-jwt'; jwt: string }
  | { kind: 'none' };

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function readCredentials(headers: IncomingHttpHeaders): Credentials {
  const headerEmail = single(headers['x-admin-email']);
  const headerToken = single(headers['x-api-token']);
  if (headerEmail !== undefined && headerToken !== undefined) {
    return { kind: 'staff-token', token: headerToken.trim(), email: headerEmail.trim() };
  }

  const authorization = single(headers.authorization)?.trim() ?? '';
  const space = authorization.indexOf(' ');
  if (space === -1) return { kind: 'none' };
  const scheme = authorization.slice(0, space).toLowerCase();
  const value = authorization.slice(space + 1).trim();

  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) return { kind: 'none' };
    return { kind: 'staff-token', email: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
  }
  if (scheme === 'bearer') {
    return JWT_SHAPE.test(value) ? { kind: 'customer-jwt', jwt: value } : { kind: 'staff-token', token: value, email: null };
  }
  return { kind: 'none' };
}
