// The process entry point: the only file that reads process.env, opens a port and handles signals.
// With WORKERS > 1 this process becomes the cluster primary (src/cluster.ts) and each worker runs main().
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { createTokenService } from './auth/api-tokens.js';
import { primaryAsksToStop, runPrimary } from './cluster.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { closeDatabase, openDatabase, type Db } from './db/client.js';
import { loggerOptions } from './http/logging.js';
import { resolveJwtSecret } from './jwt-secret.js';
import { createRepositories } from './repositories/index.js';
import { bootstrap } from './services/bootstrap.js';

const warn = (message: string) => process.stderr.write(`warning: ${message}\n`);

/** First-start set-up, done once per start (by the primary when there are workers). */
function prepare(db: Db, config: Config, log: (message: string, count: number) => void) {
  const repos = createRepositories(db);
  const started = bootstrap(repos, createTokenService(repos.apiTokens), { email: config.adminEmail, token: config.adminApiToken });
  if (started.departmentsCreated > 0) log('created default departments', started.departmentsCreated);
  if (started.generatedAdmin) {
    process.stdout.write(
      [
        '',
        'No staff account existed, so one was created. Keep this token: it is shown only once.',
        `  admin email: ${started.generatedAdmin.email}`,
        `  API token:   ${started.generatedAdmin.token}`,
        '',
      ].join('\n') + '\n',
    );
  }
}

async function main() {
  const config = loadConfig(process.env);
  const workers = config.workers === 'auto' ? availableParallelism() : config.workers;
  if (workers > 1 && cluster.isPrimary) {
    // Migrations, the first-start admin and a generated JWT secret happen once, before any worker starts.
    const db = openDatabase(config.databasePath);
    resolveJwtSecret(config.jwtSecret, config.databasePath, warn);
    prepare(db, config, (message, count) => process.stderr.write(`${message}: ${count}\n`));
    closeDatabase(db);
    runPrimary({ workers, log: (line) => process.stderr.write(`${line}\n`) });
    return;
  }

  const stopRequested = cluster.isWorker ? primaryAsksToStop() : undefined;
  const db = openDatabase(config.databasePath);
  const jwtSecret = resolveJwtSecret(config.jwtSecret, config.databasePath, warn);
  const logger = loggerOptions(config.logLevel, [config.adminApiToken, jwtSecret]);
  const app = await buildApp({ config: { ...config, jwtSecret }, db, logger });
  if (cluster.isPrimary) prepare(db, config, (message, count) => app.log.info({ count }, message));

  const closer = closeWithGrace({ delay: 10_000, skip: cluster.isWorker ? ['SIGTERM', 'SIGINT'] : [] }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'closing');
    await app.close();
    closeDatabase(db);
  });

  await app.listen({ port: config.port, host: config.host });
  void stopRequested?.then(() => closer.close());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
