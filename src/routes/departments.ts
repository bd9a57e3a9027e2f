// Departments for ticket forms and plugin look-ups: the public and customers-only lists, every enabled
// department, and one department by slug or id.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { NOT_FOUND_MESSAGES, NotFound } from '../errors.js';
import { VISIBILITY } from '../repositories/departments.js';
import { departmentSchema, serializeDepartment, type DepartmentRow } from '../serializers/department.js';
import { parsePathId, type RouteDeps } from './deps.js';

const departmentList = z.object({ departments: z.array(departmentSchema) });
const oneDepartment = z.object({ department: z.array(departmentSchema) });

/**
 * Staff see every department that is not soft-deleted (disabled ones too: old tickets still name them);
 * a customer only the enabled ones it could file a ticket in. Anything else answers as not found.
 */
function visibleTo(principal: Principal, row: DepartmentRow | undefined): row is DepartmentRow {
  if (!row || row.softDeleted !== 0) return false;
  if (principal.kind === 'staff') return true;
  return row.isDisabled === 0 && (VISIBILITY.customers as readonly number[]).includes(row.isPublic);
}

export const departmentRoutes: FastifyPluginAsync<RouteDeps> = async (app, { repos }) => {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get('/departments/public', { schema: { response: { 200: departmentList } } }, async () => ({
    departments: repos.departments.listEnabled(VISIBILITY.public).map(serializeDepartment),
  }));

  routes.get('/departments/customers', { schema: { response: { 200: departmentList } } }, async () => ({
    departments: repos.departments.listEnabled(VISIBILITY.customers).map(serializeDepartment),
  }));

  // Internal departments (is_public 0) are listed for staff only.
  routes.get('/departments', { schema: { response: { 200: departmentList } } }, async (request) => ({
    departments: repos.departments
      .listEnabled(request.principal.kind === 'staff' ? VISIBILITY.all : VISIBILITY.customers)
      .map(serializeDepartment),
  }));

  routes.get(
    '/departments/get/:slug',
    { schema: { params: z.object({ slug: z.string() }), response: { 200: oneDepartment } } },
    async (request) => {
      const row = repos.departments.findBySlug(request.params.slug);
      if (!visibleTo(request.principal, row)) throw new NotFound(NOT_FOUND_MESSAGES.department);
      return { department: [serializeDepartment(row)] };
    },
  );

  routes.get(
    '/departments/get_by_id/:id',
    { schema: { params: z.object({ id: z.string() }), response: { 200: oneDepartment } } },
    async (request) => {
      const id = parsePathId(request.params.id);
      const row = id === null ? undefined : repos.departments.findById(id);
      if (!visibleTo(request.principal, row)) throw new NotFound(NOT_FOUND_MESSAGES.department);
      return { department: [serializeDepartment(row)] };
    },
  );
};
