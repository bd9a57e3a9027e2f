// src/validation/fields.ts: what each field builder accepts, what it turns it into, and Laravel's wording.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  choice,
  customFields,
  optionalEmail,
  optionalExternalId,
  optionalFlag,
  optionalInteger,
  optionalIp,
  optionalText,
  password,
  requiredEmail,
  requiredExternalId,
  requiredInteger,
  requiredText,
} from '../../src/validation/fields.js';
import { issuesToErrors } from '../../src/validation/validator.js';

/** Parses `{ [field]: value }` (or `{}` for undefined) and answers the value or the Laravel errors. */
function run(schema: z.ZodType, value: unknown, field = 'the_field') {
  const result = z.object({ [field]: schema }).safeParse(value === undefined ? {} : { [field]: value });
  return result.success ? { ok: (result.data as Record<string, unknown>)[field] } : { errors: issuesToErrors(result.error.issues) };
}
const fails = (message: string, field = 'the_field') => ({ errors: { [field]: [message] } });

describe('requiredText / optionalText', () => {
  it('trims, and treats blank and null as absent', () => {
    expect(run(requiredText('the_field'), '  hi  ')).toEqual({ ok: 'hi' });
    for (const blank of [undefined, null, '', '   ', '\n\t']) expect(run(requiredText('the_field'), blank)).toEqual(fails('The the field field is required.'));
    for (const blank of [undefined, null, '', '  ']) expect(run(optionalText('the_field'), blank)).toEqual({ ok: undefined });
  });

  it('wants a string, within the limit, without control characters on one line', () => {
    for (const value of [1, true, ['x'], { a: 1 }]) expect(run(requiredText('the_field'), value)).toEqual(fails('The the field field must be a string.'));
    expect(run(requiredText('the_field', { max: 3 }), 'abcd')).toEqual(fails('The the field field must not be greater than 3 characters.'));
    expect(run(requiredText('the_field', { max: 3 }), ' abc ')).toEqual({ ok: 'abc' });
    expect(run(requiredText('the_field'), 'a\nb')).toEqual(fails('The the field field must not contain control characters.'));
    expect(run(requiredText('the_field'), 'a\tb')).toEqual({ ok: 'a\tb' });
    expect(run(requiredText('the_field', { multiline: true }), 'a\r\nb\tc')).toEqual({ ok: 'a\r\nb\tc' });
    expect(run(requiredText('the_field', { multiline: true }), 'a\u0000b')).toEqual(fails('The the field field must not contain control characters.'));
  });

  it('a wrong type is named alone, whatever its length (no "too long" for a long array)', () => {
    const long = Array.from({ length: 300 }, () => 'x');
    expect(run(requiredText('the_field'), long)).toEqual(fails('The the field field must be a string.'));
    expect(run(requiredEmail('the_field'), long)).toEqual(fails('The the field field must be a valid email address.'));
    expect(run(password('the_field', { min: 8 }), ['secret123'])).toEqual(fails('The the field field must be a string.'));
    expect(run(password('the_field'), long)).toEqual(fails('The the field field must be a string.'));
  });

  it('the default limit is 255', () => {
    expect(run(requiredText('the_field'), 'x'.repeat(255))).toEqual({ ok: 'x'.repeat(255) });
    expect(run(requiredText('the_field'), 'x'.repeat(256))).toEqual(fails('The the field field must not be greater than 255 characters.'));
  });
});

describe('requiredEmail / optionalEmail', () => {
  it('accepts and trims addresses, rejects others', () => {
    expect(run(requiredEmail('email'), ' joe@example.com ', 'email')).toEqual({ ok: 'joe@example.com' });
    expect(run(requiredEmail('email'), undefined, 'email')).toEqual(fails('The email field is required.', 'email'));
    for (const bad of ['joe', 'joe@', '@example.com', 'a b@example.com', 3, ['joe@example.com']]) {
      expect(run(requiredEmail('email'), bad, 'email')).toEqual(fails('The email field must be a valid email address.', 'email'));
    }
    expect(run(optionalEmail('email'), '', 'email')).toEqual({ ok: undefined });
  });
});

describe('password', () => {
  it('is neither trimmed nor blank-folded, and has a minimum', () => {
    expect(run(password('password'), '  a  ', 'password')).toEqual({ ok: '  a  ' });
    expect(run(password('password'), '', 'password')).toEqual(fails('The password field is required.', 'password'));
    expect(run(password('password'), null, 'password')).toEqual(fails('The password field is required.', 'password'));
    expect(run(password('password', { min: 8 }), 'short', 'password')).toEqual(fails('The password field must be at least 8 characters.', 'password'));
    expect(run(password('password'), 12345678, 'password')).toEqual(fails('The password field must be a string.', 'password'));
  });
});

describe('requiredInteger / optionalInteger', () => {
  it('takes integers and numeric strings', () => {
    for (const [input, output] of [[7, 7], ['7', 7], [' 7 ', 7], ['007', 7], [0, 0], ['0', 0], [1e3, 1000]] as const) {
      expect(run(requiredInteger('the_field'), input)).toEqual({ ok: output });
    }
    expect(run(optionalInteger('the_field'), '')).toEqual({ ok: undefined });
  });

  it('rejects everything else with Laravel wording', () => {
    for (const bad of ['abc', '1e3', '1.5', 1.5, '0x10', true, [1], { a: 1 }, '99999999999999999999']) {
      expect(run(requiredInteger('the_field'), bad)).toEqual(fails('The the field field must be an integer.'));
    }
    // Past 2^53 a JSON number is no exact integer any more; like Laravel, every failed rule is listed.
    expect(run(requiredInteger('the_field'), Number.MAX_SAFE_INTEGER + 2)).toEqual({
      errors: { the_field: ['The the field field must be an integer.', 'The the field field must not be greater than 9007199254740991.'] },
    });
    expect(run(requiredInteger('the_field'), -1)).toEqual(fails('The the field field must be at least 0.'));
    expect(run(requiredInteger('the_field'), '-1')).toEqual(fails('The the field field must be at least 0.'));
    expect(run(requiredInteger('the_field', { max: 5 }), 6)).toEqual(fails('The the field field must not be greater than 5.'));
    expect(run(requiredInteger('the_field'), '9007199254740991')).toEqual({ ok: 9007199254740991 });
    expect(run(requiredInteger('the_field'), undefined)).toEqual(fails('The the field field is required.'));
  });
});

describe('optionalFlag', () => {
  it('maps Laravel booleans to 0/1', () => {
    const cases: [unknown, number | undefined][] = [[1, 1], [0, 0], ['1', 1], ['0', 0], [true, 1], [false, 0], ['true', 1], ['false', 0], ['', undefined], [null, undefined]];
    for (const [input, output] of cases) expect(run(optionalFlag('is_note'), input, 'is_note')).toEqual({ ok: output });
  });

  it('rejects anything else', () => {
    for (const bad of [2, -1, 'yes', 'on', [1], { a: 1 }]) {
      expect(run(optionalFlag('is_note'), bad, 'is_note')).toEqual(fails('The is note field must be true or false.', 'is_note'));
    }
  });
});

describe('choice', () => {
  const priority = choice('priority', ['low', 'medium', 'emergency'] as const, { critical: 'emergency', normal: 'medium' });
  it('is case-insensitive and maps aliases', () => {
    expect(run(priority, 'LOW', 'priority')).toEqual({ ok: 'low' });
    expect(run(priority, 'Critical', 'priority')).toEqual({ ok: 'emergency' });
    expect(run(priority, 'normal', 'priority')).toEqual({ ok: 'medium' });
  });

  it('rejects other values as "selected ... is invalid", and missing as required', () => {
    for (const bad of ['high', 1, ['low'], 'low ']) expect(run(priority, bad, 'priority')).toEqual(fails('The selected priority is invalid.', 'priority'));
    expect(run(priority, undefined, 'priority')).toEqual(fails('The priority field is required.', 'priority'));
  });
});

describe('requiredExternalId / optionalExternalId', () => {
  it('keeps ids as strings; numbers become strings', () => {
    expect(run(requiredExternalId('billing_id'), 17, 'billing_id')).toEqual({ ok: '17' });
    expect(run(requiredExternalId('billing_id'), ' C-17 ', 'billing_id')).toEqual({ ok: 'C-17' });
    expect(run(optionalExternalId('billing_id'), '', 'billing_id')).toEqual({ ok: undefined });
  });

  it('rejects non-strings, negative or fractional numbers, and long ids', () => {
    for (const bad of [-1, 1.5, true, [1], { a: 1 }]) expect(run(requiredExternalId('billing_id'), bad, 'billing_id')).toEqual(fails('The billing id field must be a string.', 'billing_id'));
    expect(run(requiredExternalId('billing_id'), 'x'.repeat(256), 'billing_id')).toEqual(fails('The billing id field must not be greater than 255 characters.', 'billing_id'));
    expect(run(requiredExternalId('billing_id'), undefined, 'billing_id')).toEqual(fails('The billing id field is required.', 'billing_id'));
  });
});

describe('optionalIp', () => {
  it('takes IPv4 and IPv6, rejects the rest', () => {
    for (const ip of ['81.9.172.148', '::1', '2001:db8::1']) expect(run(optionalIp('ip_address'), ip, 'ip_address')).toEqual({ ok: ip });
    for (const bad of ['256.1.1.1', 'localhost', '1.2.3', [1], 'http://1.2.3.4']) {
      expect(run(optionalIp('ip_address'), bad, 'ip_address')).toEqual(fails('The ip address field must be a valid IP address.', 'ip_address'));
    }
  });
});

describe('customFields', () => {
  it('takes PHP’s empty array and flat objects of scalars', () => {
    expect(run(customFields('custom_fields'), [], 'custom_fields')).toEqual({ ok: [] });
    expect(run(customFields('custom_fields'), { a: 'x', b: 2, c: true, d: null }, 'custom_fields')).toEqual({ ok: { a: 'x', b: 2, c: true, d: null } });
    expect(run(customFields('custom_fields'), undefined, 'custom_fields')).toEqual({ ok: undefined });
  });

  it('like every other optional field, null and blank count as absent', () => {
    for (const blank of [null, '', '  ']) expect(run(customFields('custom_fields'), blank, 'custom_fields')).toEqual({ ok: undefined });
  });

  it('rejects strings, non-empty lists and nesting', () => {
    for (const bad of ['x', 3, ['x'], { a: { b: 1 } }, { a: ['x'] }]) {
      expect(run(customFields('custom_fields'), bad, 'custom_fields')).toEqual(fails('The custom fields field must be an array.', 'custom_fields'));
    }
  });
});

describe('issuesToErrors', () => {
  it('groups messages by field in order, with "body" for a root issue', () => {
    const result = z.object({ a: requiredText('a'), b: requiredInteger('b') }).safeParse({ b: 'x' });
    expect(issuesToErrors(result.error!.issues)).toEqual({ a: ['The a field is required.'], b: ['The b field must be an integer.'] });
    const root = z.string().safeParse(1);
    expect(Object.keys(issuesToErrors(root.error!.issues))).toEqual(['body']);
  });
});
