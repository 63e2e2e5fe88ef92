/**
 * The console under its Content-Security-Policy in headless Chromium: every page an operator and an
 * administrator open loads with no CSP violation and no script error, and no other site can frame it.
 */
import { Browser, chromium, ConsoleMessage, Page } from 'playwright-core';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

describe('the console under its CSP (#11)', () => {
  let hub: HubServer;
  let browser: Browser;
  let ticketId: number;

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startHubServer();
    ({ id: ticketId } = await hub.createLetter({ subject: '路灯不亮', text: '幸福路路灯不亮已经一周。<img src=x onerror=alert(1)>', name: '王先生' }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  /** Opens the console as `username`, with every console message and page error collected. */
  async function open(username: string): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${hub.url}/#/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('hub12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    return { page, problems };
  }

  it("loads the operator's and the administrator's pages without a CSP violation", async () => {
    const operator = await open('operator');
    for (const route of ['#/triage', `#/tickets/${ticketId}`, '#/intake', '#/follow-up']) {
      await operator.page.goto(`${hub.url}/${route}`);
      await operator.page.waitForLoadState('networkidle');
    }
    await operator.page.goto(`${hub.url}/#/tickets/${ticketId}`);
    await operator.page.getByTestId('letter-text').waitFor();
    const admin = await open('admin');
    for (const route of ['#/dashboard', '#/admin/queues']) {
      await admin.page.goto(`${hub.url}/${route}`);
      await admin.page.waitForLoadState('networkidle');
    }
    await admin.page.goto(`${hub.url}/api/docs`);
    await admin.page.locator('.swagger-ui').first().waitFor();
    expect([...operator.problems, ...admin.problems]).toEqual([]);
  }, 120_000);

  it('cannot be framed by another site', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m: ConsoleMessage) => refused.push(m.text()));
    await page.setContent(`<iframe id="f" src="${hub.url}/#/login" width="800" height="600"></iframe>`);
    await page.waitForTimeout(1500);
    const frame = page.frames().find((f) => f.url().startsWith(hub.url));
    const loginShown = frame
      ? await frame
          .locator('[data-testid=login-username]')
          .count()
          .catch(() => 0)
      : 0;
    expect(loginShown).toBe(0);
    expect(refused.join('\n')).toMatch(/frame-ancestors 'none'/);
    await context.close();
  }, 60_000);
});
