# syntax=docker/dockerfile:1
# ticaga-server image: production dependencies only, run as the unprivileged `node` user, the SQLite
# database on the /data volume. Starts the same way `npm start` does (tsx runs the TypeScript sources).
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Production dependencies. The toolchain is for native modules (better-sqlite3, bcrypt) whose
#    prebuilt binaries do not match; it stays in this stage.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# 2. The runtime: the sources and the installed dependencies, owned by root and read-only to the server.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=8000 \
  DATABASE_URL=file:/data/ticaga.sqlite
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY migrations ./migrations
COPY seeds ./seeds
COPY src ./src
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8000
# Slim images have no curl: node's own fetch asks /health.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 (no npm wrapper), so SIGTERM reaches the server's graceful shutdown.
CMD ["node", "--import", "tsx", "src/server.ts"]
