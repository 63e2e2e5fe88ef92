/**
 * Accounts in the console, in headless Chromium (#3, #5): an administrator creates a user, lifts
 * the login pause strangers put on another, and the new user must choose their own password
 * before anything else.
 */
import { Browser, chromium, Page } from 'playwright-core';
import { LOGIN_THROTTLES, TypeOrmUnitOfWork } from '@hub/database';
import { RecordingJobProducer } from '@hub/queue';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

describe('accounts in the console', () => {
  let hub: HubServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startHubServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function login(username: string, password: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage();
    await page.goto(`${hub.url}/#/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    return page;
  }

  it('lets an admin create a user and lift a pause, and makes the new user choose a password first', async () => {
    // Strangers paused unit1 for ten minutes (the pauses themselves: test/security/login-throttling).
    await new TypeOrmUnitOfWork(hub.ds, new RecordingJobProducer()).run(async (tx) => {
      const now = new Date();
      await tx.get(LOGIN_THROTTLES).recordFailure('account-ip:unit1|198.51.100.7', now, now);
      await tx.get(LOGIN_THROTTLES).block('account-ip:unit1|198.51.100.7', new Date(now.getTime() + 10 * 60_000));
    });
    const admin = await login('admin', 'hub12345');
    await admin.getByTestId('current-user').waitFor();
    await admin.goto(`${hub.url}/#/admin/users`);
    await admin.getByTestId('locked-unit1').waitFor();
    await admin.getByTestId('unlock-unit1').click();
    await admin.getByTestId('locked-unit1').waitFor({ state: 'detached' });

    await admin.getByTestId('user-new').click();
    await admin.getByTestId('new-username').fill('clerk.zhao');
    await admin.getByTestId('new-display-name').fill('话务员 赵');
    await admin.getByTestId('new-password').fill('hub12345');
    await admin.getByTestId('new-save').click();
    await admin.getByText('密码至少 10 个字符').first().waitFor();
    await admin.getByTestId('new-password').fill('Temp-pass-2025');
    await admin.getByTestId('new-save').click();
    await admin.getByTestId('users-table').getByText('clerk.zhao').waitFor();
    expect(await admin.getByTestId('users-table').getByText('待改密码').count()).toBe(1);

    const clerk = await login('clerk.zhao', 'Temp-pass-2025');
    await clerk.getByTestId('password-required').waitFor();
    await clerk.goto(`${hub.url}/#/tickets`);
    await clerk.getByTestId('password-required').waitFor();
    await clerk.getByTestId('password-current').fill('Temp-pass-2025');
    await clerk.getByTestId('password-new').fill('abcdefghijkl');
    await clerk.getByTestId('password-repeat').fill('abcdefghijkl');
    await clerk.getByTestId('password-submit').click();
    expect(await clerk.getByTestId('password-error').innerText()).toContain('密码须包含字母、数字、符号中的至少两类');
    await clerk.getByTestId('password-new').fill('zhao own words 9');
    await clerk.getByTestId('password-repeat').fill('zhao own words 9');
    await clerk.getByTestId('password-submit').click();
    await clerk.getByTestId('current-user').waitFor();
    expect(await clerk.getByTestId('current-user').innerText()).toBe('话务员 赵');
  }, 180_000);
});
