// zod building blocks that accept what PHP clients send and fail with Laravel's wording.
// Like Laravel's TrimStrings and ConvertEmptyStringsToNull middleware, strings are trimmed and a blank
// value counts as absent (passwords excepted). Numbers may arrive as numeric strings.
import { z } from 'zod';
import { fieldLabel } from '../errors.js';

const required = (field: string) => `The ${fieldLabel(field)} field is required.`;

// C0 controls except tab and newline (and carriage return, which newlines bring), plus DEL.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const SINGLE_LINE_CONTROLS = /[\u0000-\u0008\u000A-\u001F\u007F]/;

function blankToUndefined(value: unknown): unknown {
  if (typeof value !== 'string') return value === null ? undefined : value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

// zod runs length checks on anything with a length, even after the type check failed: an array given
// for a string would also be told it is too long or short. Laravel names only the type.
const stringsOnly = { when: (payload: { value: unknown }) => typeof payload.value === 'string' };

const requiredField = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema);
const optionalField = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional()).optional();

type TextOptions = { max?: number; multiline?: boolean };

function textSchema(field: string, { max = 255, multiline = false }: TextOptions) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? required(field) : `The ${fieldLabel(field)} field must be a string.`) })
    .max(max, { ...stringsOnly, error: `The ${fieldLabel(field)} field must not be greater than ${max} characters.` })
    .refine((value) => !(multiline ? CONTROL_CHARACTERS : SINGLE_LINE_CONTROLS).test(value), {
      error: `The ${fieldLabel(field)} field must not contain control characters.`,
    });
}

export const requiredText = (field: string, options: TextOptions = {}) => requiredField(textSchema(field, options));
export const optionalText = (field: string, options: TextOptions = {}) => optionalField(textSchema(field, options));

function emailSchema(field: string) {
  return z
    .email({ error: (issue) => (issue.input === undefined ? required(field) : `The ${fieldLabel(field)} field must be a valid email address.`) })
    .max(255, { ...stringsOnly, error: `The ${fieldLabel(field)} field must not be greater than 255 characters.` });
}

export const requiredEmail = (field: string) => requiredField(emailSchema(field));
export const optionalEmail = (field: string) => optionalField(emailSchema(field));

/** Passwords are neither trimmed nor blank-folded: every character counts. */
export const password = (field: string, { min = 1 }: { min?: number } = {}) =>
  z.preprocess(
    (value) => (value === null || value === '' ? undefined : value),
    z
      .string({ error: (issue) => (issue.input === undefined ? required(field) : `The ${fieldLabel(field)} field must be a string.`) })
      .min(min, { ...stringsOnly, error: `The ${fieldLabel(field)} field must be at least ${min} characters.` })
      .max(255, { ...stringsOnly, error: `The ${fieldLabel(field)} field must not be greater than 255 characters.` }),
  );

function integerSchema(field: string, { min = 0, max = Number.MAX_SAFE_INTEGER }) {
  const notInteger = `The ${fieldLabel(field)} field must be an integer.`;
  return z.preprocess(
    (value) => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value),
    z
      .number({ error: (issue) => (issue.input === undefined ? required(field) : notInteger) })
      .int({ error: notInteger })
      .min(min, { error: `The ${fieldLabel(field)} field must be at least ${min}.` })
      .max(max, { error: `The ${fieldLabel(field)} field must not be greater than ${max}.` }),
  );
}

type IntegerOptions = { min?: number; max?: number };
export const requiredInteger = (field: string, options: IntegerOptions = {}) => requiredField(integerSchema(field, options));
export const optionalInteger = (field: string, options: IntegerOptions = {}) => optionalField(integerSchema(field, options));

/** Laravel's `boolean` rule: true, false, 1, 0, "1", "0" (and "true"/"false" from form encoders). Outputs 0 or 1. */
export const optionalFlag = (field: string) =>
  optionalField(
    z
      .union([z.literal([0, 1, '0', '1', 'true', 'false']), z.boolean()], {
        error: `The ${fieldLabel(field)} field must be true or false.`,
      })
      .transform((value) => (value === true || value === 1 || value === '1' || value === 'true' ? 1 : 0)),
  );

/** A case-insensitive choice; `aliases` map accepted spellings onto stored values. */
export function choice<const T extends readonly [string, ...string[]]>(
  field: string,
  values: T,
  aliases: Record<string, T[number]> = {},
) {
  const also = Object.entries(aliases).map(([alias, value]) => `${alias} (= ${value})`);
  return z
    .preprocess(
      (value) => (typeof value === 'string' ? (aliases[value.toLowerCase()] ?? value.toLowerCase()) : value),
      z.enum(values, { error: (issue) => (issue.input === undefined ? required(field) : `The selected ${fieldLabel(field)} is invalid.`) }),
    )
    .describe(`Case-insensitive.${also.length > 0 ? ` Also accepted: ${also.join(', ')}.` : ''}`);
}

export const requiredChoice = <const T extends readonly [string, ...string[]]>(field: string, values: T, aliases?: Record<string, T[number]>) =>
  requiredField(choice(field, values, aliases));
export const optionalChoice = <const T extends readonly [string, ...string[]]>(field: string, values: T, aliases?: Record<string, T[number]>) =>
  optionalField(choice(field, values, aliases));

function externalIdSchema(field: string) {
  const notString = `The ${fieldLabel(field)} field must be a string.`;
  return z
      .union([z.string(), z.number().int({ error: notString }).nonnegative({ error: notString })], {
        error: (issue) => (issue.input === undefined ? required(field) : notString),
      })
      .transform(String)
      .pipe(z.string().max(255, { error: `The ${fieldLabel(field)} field must not be greater than 255 characters.` }))
    .describe('A string or a non-negative integer, kept as a string of at most 255 characters.');
}

/** A string or number identifier from another system (billing ids), kept as a string. */
export const requiredExternalId = (field: string) => requiredField(externalIdSchema(field));
export const optionalExternalId = (field: string) => optionalField(externalIdSchema(field));

/** An IPv4 or IPv6 address, as PHP's FILTER_VALIDATE_IP would accept it. */
export const optionalIp = (field: string) =>
  optionalField(
    z.union([z.ipv4(), z.ipv6()], {
      error: (issue) => (issue.input === undefined ? required(field) : `The ${fieldLabel(field)} field must be a valid IP address.`),
    }),
  );

/** PHP sends an empty array as `[]`; otherwise a flat object of scalar answers. Null or blank is absent. */
export const customFields = (field: string) =>
  optionalField(
    z.union([z.array(z.never()).max(0), z.record(z.string().max(255), z.union([z.string().max(65535), z.number(), z.boolean(), z.null()]))], {
      error: `The ${fieldLabel(field)} field must be an array.`,
    }),
  );
