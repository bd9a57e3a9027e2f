// HS256 JWTs made by hand with node:crypto, independent of the server's signer.
import { createHmac } from 'node:crypto';
import { TEST_JWT_SECRET } from '../helpers.js';

export function handMadeJwt(payload: Record<string, unknown>, secret = TEST_JWT_SECRET, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) {
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode(header)}.${encode(payload)}`;
  const signature = header.alg === 'none' ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
