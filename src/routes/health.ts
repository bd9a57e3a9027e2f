// GET /health: 200 once the database answers (migrations ran when it was opened).
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/client.js';

export const healthRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const ping = db.$client.prepare('select 1 as ok');
  app.get(
    '/health',
    { config: { access: 'public' }, schema: { response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => {
      ping.get();
      return { status: 'ok' as const };
    },
  );
};
