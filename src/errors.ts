// The few error types a route may throw. Each carries its status and exact wire payload;
// the error handler in http/error-handler.ts is the only place that turns them into answers.
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly payload: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof payload.message === 'string' ? payload.message : String(payload.error ?? statusCode));
  }
}

export class Unauthenticated extends HttpError {
  constructor() {
    super(401, { message: 'Unauthenticated.' });
  }
}

export class Forbidden extends HttpError {
  constructor() {
    super(403, { message: 'This action is unauthorized.' });
  }
}

/** Throttled: the contract's 429, telling the client how many seconds to wait. */
export class TooManyAttempts extends HttpError {
  constructor(retryAfterSeconds: number) {
    super(429, { message: 'Too Many Attempts.' }, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}

/** A documented not-found answer, e.g. `{"error":"Ticket not found"}`. */
export class NotFound extends HttpError {
  constructor(error: string) {
    super(404, { error });
  }
}

/** How Laravel names a field in its messages: `ticket_number` -> "ticket number". */
export const fieldLabel = (field: string) => field.replace(/_/g, ' ');

/** A Laravel-shaped validation failure: the first message, then every message by field. */
export class ValidationFailed extends HttpError {
  constructor(readonly errors: Record<string, string[]>) {
    const first = Object.values(errors)[0]?.[0] ?? 'The given data was invalid.';
    super(422, { message: first, errors });
  }

  static field(field: string, message: string): ValidationFailed {
    return new ValidationFailed({ [field]: [message] });
  }

  /** Laravel's `exists`/`in` failure: the value names nothing the caller may use. */
  static invalid(field: string): ValidationFailed {
    return ValidationFailed.field(field, `The selected ${fieldLabel(field)} is invalid.`);
  }
}

export const NOT_FOUND_MESSAGES = {
  user: 'User not authenticated',
  ticketForUser: 'No tickets found for this user.',
  ticket: 'Ticket not found',
  responses: 'No responses found for this ticket.',
  department: 'Department not found',
} as const;
