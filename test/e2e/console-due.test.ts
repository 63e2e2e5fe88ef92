/**
 * #17 in headless Chromium: a supervisor's 超期督办 most overdue first, filtered by unit and exported;
 * a hotline call's request text as its row's main line; a unit offered 首次联系 and no 申请延期 on an
 * urgent ticket, who records it; 催办 sent from a row of 超期督办; a reply approved under 办结审核;
 * a ticket link opened in a new tab already logged in; after expiry one 登录已过期 and one redirect
 * back to the page, at 1366×768 and at 390×844.
 */
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { DeadlineEntity } from '@hub/database';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const DAY = 86_400_000;

describe('console: what is due first, offered actions, sessions', () => {
  let hub: HubServer;
  let browser: Browser;
  const ids: Record<string, number> = {};
  let unit1Id = 0;
  let unit1Name = '';

  const call = async (token: string | null, method: string, path: string, body?: object) => {
    const res = await fetch(`${hub.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as { id: number; token: string; user: { units: Array<{ id: number; name: string }> } };
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startHubServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const operator = (await call(null, 'POST', '/api/auth/login', { username: 'operator', password: 'hub12345' })).token as string;
    const unit = await call(null, 'POST', '/api/auth/login', { username: 'unit1', password: 'hub12345' });
    const unit2 = await call(null, 'POST', '/api/auth/login', { username: 'unit2', password: 'hub12345' });
    [unit1Id, unit1Name] = [unit.user.units[0].id, unit.user.units[0].name];
    const intake = async (text: string, daysAgo: number, extra: object = {}) =>
      (
        await call(operator, 'POST', '/api/intake', {
          text,
          name: '张先生',
          phone: '13900000001',
          receivedAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
          ...extra,
        })
      ).id as number;
    ids.oldest = await intake('小区路灯坏了一个月没人修，晚上出行很不方便', 20);
    ids.older = await intake('菜市场门口占道经营严重，早高峰堵车', 10);
    ids.urgent = await intake('燃气管道泄漏，楼道里有很浓的煤气味', 0, { urgency: 'urgent' });
    // The routing job opens the 分拨 limit (2h from receipt); this server runs no worker.
    for (const [id, daysAgo] of [
      [ids.oldest, 20],
      [ids.older, 10],
    ]) {
      const startAt = new Date(Date.now() - daysAgo * DAY);
      await hub.ds
        .getRepository(DeadlineEntity)
        .insert({ ticketId: id, stage: 'dispatch', startAt, dueAt: new Date(startAt.getTime() + 2 * 3600_000), status: 'open' });
    }
    // The urgent one goes to unit1; another to unit2, which left it unsigned 5 days past its limit.
    await call(operator, 'POST', `/api/tickets/${ids.urgent}/dispatch`, { unitId: unit1Id });
    ids.unsigned = await intake('广场舞音响太吵，每晚九点后还在放', 7);
    await call(operator, 'POST', `/api/tickets/${ids.unsigned}/dispatch`, { unitId: unit2.user.units[0].id });
    const dueAt = new Date(Date.now() - 5 * DAY);
    await hub.ds.getRepository(DeadlineEntity).delete({ ticketId: ids.unsigned, stage: 'acknowledge' });
    await hub.ds.getRepository(DeadlineEntity).insert({
      ticketId: ids.unsigned,
      unitId: unit2.user.units[0].id,
      stage: 'acknowledge',
      startAt: new Date(dueAt.getTime() - DAY),
      dueAt,
      status: 'open',
    });
    await call(unit.token, 'POST', `/api/tickets/${ids.urgent}/acknowledge`, {});
    // A leader's 包案 that unit1 answered: its reply waits for 办结审核.
    ids.review = await intake('春晖园2号楼电梯经常困人，物业维修不及时', 0);
    await call(operator, 'POST', `/api/tickets/${ids.review}/dispatch`, { unitId: unit1Id });
    const leader = (await call(null, 'POST', '/api/auth/login', { username: 'leader', password: 'hub12345' })).token;
    await call(leader, 'POST', `/api/tickets/${ids.review}/leader-case`, {});
    await call(unit.token, 'POST', `/api/tickets/${ids.review}/acknowledge`, {});
    await call(unit.token, 'POST', `/api/tickets/${ids.review}/reply`, { outcome: 'resolved', text: '已督促物业更换电梯控制柜，经检测运行正常。' });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function login(context: BrowserContext, username: string, path = ''): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${hub.url}/#/login${path ? `?next=${encodeURIComponent(path)}` : ''}`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('hub12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }
  const rowNumbers = (page: Page) => page.locator('.ticket-table tbody tr [data-testid^="ticket-link-"]').allInnerTexts();

  it('shows a supervisor 超期督办 most overdue first, filters it by unit, exports it and sends 催办', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await login(context, 'supervisor', '/overdue');
    await page.getByTestId(`ticket-link-${ids.oldest}`).waitFor();
    const numbers = await rowNumbers(page);
    const oldest = await page.getByTestId(`ticket-link-${ids.oldest}`).innerText();
    const older = await page.getByTestId(`ticket-link-${ids.older}`).innerText();
    const unsigned = await page.getByTestId(`ticket-link-${ids.unsigned}`).innerText();
    expect(numbers).toEqual([oldest, older, unsigned]);
    // The hotline call has no subject: its request is the main line, never a bold （无标题）.
    expect(await page.locator('.ticket-table').getByText('（无标题）').count()).toBe(0);
    await page.locator('.ticket-table').getByTestId('row-request-text').getByText('小区路灯坏了一个月没人修').first().waitFor();

    const download = page.waitForEvent('download');
    await page.getByTestId('overdue-export').click();
    expect((await download).suggestedFilename()).toMatch(/^超期督办工单_超期最久在前_\d{4}-\d{2}-\d{2}\.xlsx$/);

    // 催办 on the row: the 督办单 dialog at 催办 for that ticket, its wording filled in.
    await page.getByTestId(`urge-${ids.unsigned}`).click();
    const dialog = page.getByTestId('supervision-dialog');
    await expect(dialog.getByTestId('supervision-level-urge').getAttribute('class')).resolves.toContain('is-active');
    await dialog.getByTestId('supervision-submit').click();
    await page.locator('.el-message', { hasText: '已下发 1 份督办单' }).waitFor();

    await page.getByTestId('overdue-unit').click();
    await page.locator('.el-select-dropdown__item').getByText(unit1Name, { exact: true }).click();
    await page.getByText('没有超期工单').waitFor();
    await context.close();
  }, 120_000);

  it('lets a supervisor approve a unit’s reply under 办结审核', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await login(context, 'supervisor', '/approvals');
    const queue = page.getByTestId('review-queue');
    await queue.getByTestId(`ticket-link-${ids.review}`).waitFor();
    await queue
      .locator('.ticket-row', { has: page.getByTestId(`ticket-link-${ids.review}`) })
      .getByRole('button', { name: '审核' })
      .click();
    await page.getByTestId('action-accept_reply').click();
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
    await page.locator('.el-message', { hasText: '已审核通过' }).waitFor();
    await page.getByTestId('action-accept_reply').waitFor({ state: 'detached' });
    await context.close();
  }, 120_000);

  it('offers a unit 首次联系 and no 申请延期 on an urgent ticket, records the contact, and a ticket link in a new tab is already logged in', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await login(context, 'unit1');
    const tab = await context.newPage();
    await tab.goto(`${hub.url}/#/tickets/${ids.urgent}`);
    const actions = tab.getByTestId('ticket-actions');
    await actions.getByRole('button', { name: '首次联系' }).waitFor();
    expect(await actions.getByRole('button', { name: '申请延期' }).count()).toBe(0);
    expect(await tab.getByTestId('login-username').count()).toBe(0);
    await actions.getByRole('button', { name: '首次联系' }).click();
    await tab.getByTestId('action-dialog').getByTestId('field-text').fill('已电话联系张先生，燃气公司抢修人员二十分钟内到场');
    await tab.getByTestId('action-dialog').getByTestId('action-submit').click();
    await tab.locator('.el-message', { hasText: '已记录首次联系' }).waitFor();
    await actions.getByRole('button', { name: '首次联系' }).waitFor({ state: 'detached' });
    await tab.getByTestId('ticket-detail').getByText('已电话联系张先生').first().waitFor();
    await context.close();
  }, 120_000);

  it.each([
    [1366, 768],
    [390, 844],
  ])(
    'after expiry at %i×%i shows 登录已过期 once and redirects once, back to the page after login',
    async (width, height) => {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
      const page = await login(context, 'supervisor');
      // The stored token stops being accepted (as when its session expires on the server).
      await page.evaluate(
        `localStorage.setItem('hub.session', JSON.stringify({ ...JSON.parse(localStorage.getItem('hub.session')), token: 'expired-token' }))`,
      );
      await page.goto(`${hub.url}/#/overdue`);
      await page.reload();
      await page.getByTestId('login-username').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.locator('.el-message').getByText('登录已过期').count()).toBe(1);
      expect(decodeURIComponent(page.url())).toMatch(/#\/login\?next=\/overdue$/);
      await page.getByTestId('login-username').fill('supervisor');
      await page.getByTestId('login-password').fill('hub12345');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('overdue-export').waitFor();
      expect(page.url()).toMatch(/#\/overdue$/);
      await context.close();
    },
    120_000,
  );
});
