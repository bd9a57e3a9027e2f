// Department lists for ticket forms: public (guests and customers) and customers-only.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VISIBILITY } from '../repositories/departments.js';
import { departmentSchema, serializeDepartment } from '../serializers/department.js';
import type { RouteDeps } from './deps.js';

const departmentList = z.object({ departments: z.array(departmentSchema) });

export const departmentRoutes: FastifyPluginAsync<RouteDeps> = async (app, { repos }) => {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get('/departments/public', { schema: { response: { 200: departmentList } } }, async () => ({
    departments: repos.departments.listEnabled(VISIBILITY.public).map(serializeDepartment),
  }));

  routes.get('/departments/customers', { schema: { response: { 200: departmentList } } }, async () => ({
    departments: repos.departments.listEnabled(VISIBILITY.customers).map(serializeDepartment),
  }));
};
