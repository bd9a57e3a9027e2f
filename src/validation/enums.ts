// Accepted spellings of the contract's enums (CONTRACT.md §4).
export { TICKET_PRIORITIES, TICKET_STATUSES } from '../repositories/tickets.js';

/** Older plugins say `critical` and `normal`. */
export const PRIORITY_ALIASES = { critical: 'emergency', normal: 'medium' } as const;

/** Billing systems Ticaga links customers to; compared case-insensitively, stored lower-case. */
export const BILLING_SYSTEMS = ['blesta', 'clientexec', 'whmcs'] as const;
