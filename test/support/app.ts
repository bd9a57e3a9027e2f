// createTestApp with the staff token's bookkeeping settled. A valid token's last_used_at is stamped on
// use (at most once a minute); pinning it in the future stops that, so snapshot(db) can prove that a
// rejected request wrote nothing at all, however long a test file runs.
import { createTestApp, type TestContext } from '../helpers.js';

export async function createSettledTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const ctx = await createTestApp(env);
  ctx.db.$client.prepare("update api_tokens set last_used_at = '9999-12-31 23:59:59'").run();
  return ctx;
}
