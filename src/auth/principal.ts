// Who is calling, and the one rule for acting on a customer's behalf.
import type { TokenAbility } from '../repositories/api-tokens.js';

export type Principal =
  | { kind: 'staff'; userId: number; email: string; tokenId: number; abilities: TokenAbility[] }
  | { kind: 'customer'; userId: number };

/** Route access levels: `public` needs nothing, `user` any valid credentials, `staff` an API token. */
export type Access = 'public' | 'user' | 'staff';

/**
 * Staff may act for any customer; a customer only for itself. Callers answer a `false` exactly as
 * they would a missing record, so a customer cannot learn what exists.
 */
export function mayActFor(principal: Principal, customerId: number): boolean {
  return principal.kind === 'staff' || principal.userId === customerId;
}
