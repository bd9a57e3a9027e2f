// Fastify validator compiler for zod schemas: a failure becomes one Laravel-shaped 422 (ValidationFailed).
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { ValidationFailed } from '../errors.js';

export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => {
  return (data: unknown) => {
    // A missing, empty or non-object body is validated as an empty form, as Laravel's $request->all() would be.
    const result = schema.safeParse(isPlainObject(data) ? data : {});
    if (result.success) return { value: result.data };
    return { error: new ValidationFailed(issuesToErrors(result.error.issues)) };
  };
};
