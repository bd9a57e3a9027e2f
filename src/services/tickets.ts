// Opening a ticket: who it is for, which department may take it, and what a caller may set.
import { isIP } from 'node:net';
import { mayActFor, type Principal } from '../auth/principal.js';
import { fieldLabel, NOT_FOUND_MESSAGES, NotFound, ValidationFailed } from '../errors.js';
import { VISIBILITY } from '../repositories/departments.js';
import type { AuditEntry } from '../repositories/audit-log.js';
import type { Repositories } from '../repositories/index.js';
import type { TicketPriority } from '../repositories/tickets.js';
import { STAFF_ROLES } from '../repositories/users.js';

export type OpenTicketInput = {
  customerId: number | undefined;
  customerField: 'customer_id' | 'user_id';
  subject: string;
  message: string;
  priority: TicketPriority | undefined;
  departmentId: number | undefined;
  departmentSlug: string | undefined;
  cc: string | undefined;
  assigned: number | undefined;
  ipAddress: string | undefined;
  publicName: string | undefined;
  publicEmail: string | undefined;
  organize: string | undefined;
  customFields: unknown;
};

const HIGH_PRIORITIES: TicketPriority[] = ['high', 'emergency'];

export function createTicketService(repos: Repositories) {
  /** The owning customer id, or null for a guest ticket. A customer always files for itself. */
  function resolveOwner(principal: Principal, input: OpenTicketInput): number | null {
    const requested = input.customerId ?? 0;
    if (principal.kind === 'customer') {
      if (requested !== 0 && requested !== principal.userId) throw ValidationFailed.invalid(input.customerField);
      return principal.userId;
    }
    if (requested === 0) {
      if (!input.publicEmail) {
        throw ValidationFailed.field('public_email', `The public email field is required when ${fieldLabel(input.customerField)} is 0.`);
      }
      return null;
    }
    if (!repos.users.findCustomerById(requested)) throw ValidationFailed.invalid(input.customerField);
    return requested;
  }

  function resolveDepartment(principal: Principal, ownerId: number | null, input: OpenTicketInput) {
    const field = input.departmentId !== undefined ? 'department_id' : 'department_slug';
    const department =
      input.departmentId !== undefined
        ? repos.departments.findById(input.departmentId)
        : input.departmentSlug !== undefined
          ? repos.departments.findBySlug(input.departmentSlug)
          : undefined;
    if (input.departmentId === undefined && input.departmentSlug === undefined) {
      throw ValidationFailed.field('department_id', 'The department id field is required when department slug is not present.');
    }
    // Guests may use public departments, customers also customers-only ones; staff any enabled one.
    const allowed = ownerId === null ? VISIBILITY.public : principal.kind === 'customer' ? VISIBILITY.customers : VISIBILITY.all;
    if (!department || department.isDisabled !== 0 || department.softDeleted !== 0 || !(allowed as readonly number[]).includes(department.isPublic)) {
      throw ValidationFailed.invalid(field);
    }
    return department;
  }

  function resolvePriority(allowsHighPriority: number, requested: TicketPriority | undefined): TicketPriority {
    if (requested === undefined) return allowsHighPriority === 3 ? 'none' : 'medium';
    if (allowsHighPriority === 0 && HIGH_PRIORITIES.includes(requested)) throw ValidationFailed.invalid('priority');
    return requested;
  }

  function resolveAssignee(principal: Principal, assigned: number | undefined): number {
    if (principal.kind === 'customer' || !assigned) return 0;
    const staff = repos.users.findById(assigned);
    if (!staff || !STAFF_ROLES.includes(staff.role)) throw ValidationFailed.invalid('assigned');
    return assigned;
  }

  function normaliseCc(cc: string | undefined): string {
    if (!cc) return '';
    const addresses = cc.split(',').map((part) => part.trim()).filter(Boolean);
    if (addresses.some((address) => !/^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(address))) {
      throw ValidationFailed.field('cc', 'The cc field must be a comma-separated list of valid email addresses.');
    }
    return addresses.join(',');
  }

  return {
    /**
     * The ticket `customerId` owns, when the caller may act for that customer; otherwise the documented
     * 404, the same whether the ticket is missing or someone else's (tickets/close, tickets/rate).
     */
    findOwned(principal: Principal, customerId: number, ticketId: number) {
      const ticket = mayActFor(principal, customerId) ? repos.tickets.findForCustomer(ticketId, customerId) : undefined;
      if (!ticket) throw new NotFound(NOT_FOUND_MESSAGES.ticketForUser);
      return ticket;
    },

    open(principal: Principal, input: OpenTicketInput, requestIp: string, auditEntry?: AuditEntry) {
      const ownerId = resolveOwner(principal, input);
      const department = resolveDepartment(principal, ownerId, input);
      const ipAddress = principal.kind === 'staff' && input.ipAddress ? input.ipAddress : requestIp;
      return repos.tickets.create({
        userId: ownerId,
        subject: input.subject,
        message: input.message,
        priority: resolvePriority(department.allowsHighPriority, input.priority),
        cc: normaliseCc(input.cc),
        assigned: resolveAssignee(principal, input.assigned),
        departmentId: department.id,
        ipAddress: isIP(ipAddress) ? ipAddress : '',
        publicName: ownerId === null ? (input.publicName ?? null) : null,
        publicEmail: ownerId === null ? (input.publicEmail ?? null) : null,
        organize: input.organize ?? 'ticket',
        customFields: input.customFields === undefined ? null : JSON.stringify(input.customFields),
      }, auditEntry);
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;
