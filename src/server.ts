// The process entry point: the only file that reads process.env, opens a port and handles signals.
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { createTokenService } from './auth/api-tokens.js';
import { ConfigError, loadConfig } from './config.js';
import { closeDatabase, openDatabase } from './db/client.js';
import { loggerOptions } from './http/request-log.js';
import { resolveJwtSecret } from './jwt-secret.js';
import { createRepositories } from './repositories/index.js';
import { bootstrap } from './services/bootstrap.js';

async function main() {
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  const logger = loggerOptions(config.logLevel);
  const jwtSecret = resolveJwtSecret(config.jwtSecret, config.databasePath, (message) => process.stderr.write(`warning: ${message}\n`));
  const app = await buildApp({ config: { ...config, jwtSecret }, db, logger });

  const repos = createRepositories(db);
  const started = bootstrap(repos, createTokenService(repos.apiTokens), { email: config.adminEmail, token: config.adminApiToken });
  if (started.departmentsCreated > 0) app.log.info({ count: started.departmentsCreated }, 'created default departments');
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

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'closing');
    await app.close();
    closeDatabase(db);
  });

  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
