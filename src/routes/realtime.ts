// GET /api/realtime/config: newer plugins ask whether live updates are on. This server has no realtime
// channel, so the answer is always that it is off, and the plugins fall back to polling.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';

export const realtimeRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/realtime/config',
    { schema: { response: { 200: z.object({ enabled: z.literal(false) }) } } },
    async () => ({ enabled: false as const }),
  );
};
