// First-start set-up: default departments on a brand-new database, and a staff admin with a usable token.
import type { TokenService } from '../auth/api-tokens.js';
import type { Repositories } from '../repositories/index.js';
import { STAFF_ROLES } from '../repositories/users.js';

export const DEFAULT_DEPARTMENTS = [
  { departmentName: 'Sales', slug: 'sales', departmentDescription: 'Questions before you buy.', isPublic: 1, allowsHighPriority: 0, departmentEmail: 'sales@example.com' },
  { departmentName: 'Support', slug: 'support', departmentDescription: 'Need help, we are here to help.', isPublic: 2, allowsHighPriority: 1, departmentEmail: 'support@example.com' },
  { departmentName: 'Billing', slug: 'billing', departmentDescription: 'Invoices, payments and refunds.', isPublic: 2, allowsHighPriority: 1, departmentEmail: 'billing@example.com' },
];

export const DEFAULT_ADMIN_EMAIL = 'admin@ticaga.local';

export type BootstrapResult = { departmentsCreated: number; generatedAdmin: { email: string; token: string } | null };

export function bootstrap(
  repos: Repositories,
  tokens: TokenService,
  admin: { email: string | undefined; token: string | undefined },
): BootstrapResult {
  let departmentsCreated = 0;
  if (repos.departments.count() === 0) {
    for (const department of DEFAULT_DEPARTMENTS) repos.departments.create(department);
    departmentsCreated = DEFAULT_DEPARTMENTS.length;
  }

  if (admin.email && admin.token) {
    const existing = repos.users.findByEmail(admin.email);
    if (existing && !STAFF_ROLES.includes(existing.role)) {
      throw new Error(`ADMIN_EMAIL ${admin.email} belongs to a customer account, not staff`);
    }
    const user = existing ?? repos.users.create({ name: 'Administrator', email: admin.email, passwordHash: null, role: 'admin' });
    tokens.ensure(user.id, 'ADMIN_API_TOKEN', admin.token);
    return { departmentsCreated, generatedAdmin: null };
  }

  if (!repos.users.hasStaff()) {
    const user = repos.users.create({ name: 'Administrator', email: DEFAULT_ADMIN_EMAIL, passwordHash: null, role: 'admin' });
    const issued = tokens.issue(user.id, 'first start');
    return { departmentsCreated, generatedAdmin: { email: user.email, token: issued.plainText } };
  }
  return { departmentsCreated, generatedAdmin: null };
}
