// src/auth/credentials.ts: reading Basic, Bearer (token or customer JWT) and X-Admin-Email headers.
import { describe, expect, it } from 'vitest';
import { readCredentials } from '../../src/auth/credentials.js';

const basic = (text: string) => ({ authorization: `Basic ${Buffer.from(text).toString('base64')}` });
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyIn0.c2lnbmF0dXJl';
const TOKEN = '1|AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd';

describe('readCredentials', () => {
  it('nothing is nothing', () => {
    expect(readCredentials({})).toEqual({ kind: 'none' });
  });

  it('Basic email:token, the token may contain colons', () => {
    expect(readCredentials(basic(`admin@example.com:${TOKEN}`))).toEqual({ kind: 'staff-token', email: 'admin@example.com', token: TOKEN });
    expect(readCredentials(basic('admin@example.com:a:b'))).toEqual({ kind: 'staff-token', email: 'admin@example.com', token: 'a:b' });
  });

  it('the scheme is case-insensitive and extra spaces are tolerated', () => {
    const value = Buffer.from(`a@example.com:${TOKEN}`).toString('base64');
    for (const authorization of [`basic ${value}`, `BASIC ${value}`, `  Basic   ${value}  `]) {
      expect(readCredentials({ authorization })).toEqual({ kind: 'staff-token', email: 'a@example.com', token: TOKEN });
    }
  });

  it('Basic without a colon, empty or not base64 carries no staff token worth checking', () => {
    expect(readCredentials(basic(TOKEN))).toEqual({ kind: 'none' });
    expect(readCredentials({ authorization: 'Basic ' })).toEqual({ kind: 'none' });
    expect(readCredentials({ authorization: 'Basic' })).toEqual({ kind: 'none' });
    expect(readCredentials({ authorization: 'Basic !!!notbase64' })).toEqual({ kind: 'none' });
  });

  it('Bearer with a Sanctum token is a staff token without an email', () => {
    expect(readCredentials({ authorization: `Bearer ${TOKEN}` })).toEqual({ kind: 'staff-token', token: TOKEN, email: null });
    expect(readCredentials({ authorization: `bearer ${TOKEN}` })).toEqual({ kind: 'staff-token', token: TOKEN, email: null });
  });

  it('Bearer with three dot-separated base64url parts is a customer JWT', () => {
    expect(readCredentials({ authorization: `Bearer ${JWT}` })).toEqual({ kind: 'customer-jwt', jwt: JWT });
    // Two parts, or characters outside base64url, are not a JWT: checked as a token (and fail there).
    expect(readCredentials({ authorization: 'Bearer a.b' })).toEqual({ kind: 'staff-token', token: 'a.b', email: null });
    expect(readCredentials({ authorization: 'Bearer a.b+.c' })).toEqual({ kind: 'staff-token', token: 'a.b+.c', email: null });
  });

  it('X-Admin-Email + X-API-Token, trimmed, and preferred over Authorization', () => {
    expect(readCredentials({ 'x-admin-email': ' a@example.com ', 'x-api-token': ` ${TOKEN} ` })).toEqual({ kind: 'staff-token', email: 'a@example.com', token: TOKEN });
    expect(readCredentials({ 'x-admin-email': 'a@example.com', 'x-api-token': TOKEN, authorization: `Bearer ${JWT}` })).toEqual({
      kind: 'staff-token',
      email: 'a@example.com',
      token: TOKEN,
    });
  });

  it('X-API-Token alone is not enough (the email is part of the credential)', () => {
    expect(readCredentials({ 'x-api-token': TOKEN })).toEqual({ kind: 'none' });
    expect(readCredentials({ 'x-admin-email': 'a@example.com' })).toEqual({ kind: 'none' });
  });

  it('unknown schemes and raw tokens are nothing', () => {
    expect(readCredentials({ authorization: `Token ${TOKEN}` })).toEqual({ kind: 'none' });
    expect(readCredentials({ authorization: TOKEN })).toEqual({ kind: 'none' });
    expect(readCredentials({ authorization: `Digest username="a"` })).toEqual({ kind: 'none' });
  });

  it('repeated headers: the first one counts', () => {
    expect(readCredentials({ 'x-admin-email': ['a@example.com', 'b@example.com'], 'x-api-token': [TOKEN, 'other'] } as never)).toEqual({
      kind: 'staff-token',
      email: 'a@example.com',
      token: TOKEN,
    });
  });
});
