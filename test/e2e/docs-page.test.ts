// The docs page in a real browser: Debian's Chromium, headless, driven by playwright-core, against the
// server started with `npm start`. It lists every endpoint and performs one real call through the page.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_ADMIN, startServer, type RunningServer } from './real-server.js';

const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';
if (missing && !inCi) {
  console.warn(`SKIPPED: docs page browser test: ${CHROMIUM} is missing (apt-get install chromium, or bash scripts/ci-system-packages.sh)`);
}

describe.skipIf(missing && !inCi)('the docs page in Chromium', () => {
  let server: RunningServer;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;
  const requested: string[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(`${CHROMIUM} is required in CI (scripts/ci-system-packages.sh installs it)`);
    server = await startServer();
    profile = mkdtempSync(join(tmpdir(), 'ticaga-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('request', (request) => requested.push(request.url()));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  }, 60_000);

  it('lists every endpoint of /openapi.json, with assets served by the server itself', async () => {
    const doc = (await (await fetch(`${server.baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const expected = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(expected.length).toBeGreaterThan(12);

    await page.goto(`${server.baseUrl}/docs`);
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 30_000 }).toBe(expected.length);
    const listed = await page.locator('.opblock').evaluateAll((blocks) =>
      blocks.map((block) => {
        const method = block.querySelector('.opblock-summary-method')?.textContent?.trim() ?? '?';
        const path = block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '?';
        return `${method} ${path}`;
      }),
    );
    expect(listed.sort()).toEqual(expected);
    expect(await page.title()).toBe('ticaga-server API');
    expect(requested.filter((url) => !url.startsWith(`${server.baseUrl}/`) && !url.startsWith('data:'))).toEqual([]);
  }, 60_000);

  it('calls customers/get with Basic credentials entered in the authorize dialog, and shows the answer', async () => {
    const basic = `Basic ${Buffer.from(`${E2E_ADMIN.email}:${E2E_ADMIN.token}`).toString('base64')}`;
    const registered = await fetch(`${server.baseUrl}/api/register`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Browser Customer', email: 'browser@example.com', password: 'browser-password', company: 'Docs Ltd' }),
    });
    expect(registered.status).toBe(200);
    const { user } = (await registered.json()) as { user: { id: number } };
    const direct = await (await fetch(`${server.baseUrl}/api/customers/get/${user.id}`, { headers: { authorization: basic } })).json();

    // Authorize: the basicAuth scheme of the dialog.
    await page.locator('.auth-wrapper button.authorize').click();
    const scheme = page.locator('.modal-ux .auth-container').filter({ hasText: 'basicAuth' });
    await scheme.locator('input[type="text"]').fill(E2E_ADMIN.email);
    await scheme.locator('input[type="password"]').fill(E2E_ADMIN.token);
    await scheme.getByRole('button', { name: 'Apply credentials' }).click();
    await expect.poll(() => scheme.getByRole('button', { name: 'Remove authorization' }).count()).toBe(1);
    await scheme.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.locator('.modal-ux').count()).toBe(0);

    // Try it out on GET /api/customers/get/{id}.
    const operation = page.locator('.opblock').filter({ has: page.locator('.opblock-summary-path[data-path="/api/customers/get/{id}"]') });
    await operation.locator('.opblock-summary').first().click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('input[placeholder="id"]').fill(String(user.id));
    await operation.locator('button.execute').click();

    const live = operation.locator('.live-responses-table tr.response');
    await expect.poll(() => live.locator('td.response-col_status').textContent(), { timeout: 30_000 }).toBe('200');
    const shown = await live.locator('td.response-col_description pre').first().textContent();
    expect(JSON.parse(shown ?? 'null')).toEqual(direct);
    expect(direct).toMatchObject({ user: { id: user.id, email: 'browser@example.com', company: 'Docs Ltd' } });
    expect(await operation.locator('.curl-command').textContent()).toContain(basic);
  }, 90_000);
});
