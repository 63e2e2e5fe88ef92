/**
 * #17 in headless Chromium. On a phone (390×844): a unit clerk's day — log in, open 待签收 from the
 * ☰ menu, sign a ticket on its card, record first contact and reply — with no page wider than the
 * screen and every action a thumb-sized button; a supervisor sends 催办 from a card of 超期督办. Live
 * triage: an item posted through the API appears on an open 待分拨 without 刷新. Screenshots go to
 * test-artifacts/screenshots/phone-*.png.
 */
import { mkdirSync } from 'fs';
import { join } from 'path';
import { Browser, chromium, Page } from 'playwright-core';
import { DeadlineEntity } from '@hub/database';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
const WIDTH = 390;
const REQUEST = '湖滨新村3栋门口的下水道堵塞一周了，污水漫到人行道上，老人孩子出行很不方便，请尽快疏通';

describe('console on a phone, and a live 待分拨', () => {
  let hub: HubServer;
  let browser: Browser;
  let ticketId = 0;
  let lateId = 0;
  let operator = '';

  const call = async (token: string | null, method: string, path: string, body?: object) => {
    const res = await fetch(`${hub.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as {
      items: Array<{ ticketId: number; level: string }>;
      id: number;
      token: string;
      user: { units: Array<{ id: number }> };
      count: number;
      latestId: number;
      version: string;
    };
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(SHOTS, { recursive: true });
    hub = await startHubServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    operator = (await call(null, 'POST', '/api/auth/login', { username: 'operator', password: 'hub12345' })).token;
    const unit = await call(null, 'POST', '/api/auth/login', { username: 'unit1', password: 'hub12345' });
    ticketId = (await call(operator, 'POST', '/api/intake', { text: REQUEST, name: '李女士', phone: '13900000002' })).id;
    await call(operator, 'POST', `/api/tickets/${ticketId}/dispatch`, { unitId: unit.user.units[0].id });
    // Another ticket unit1 left unsigned a day past its limit.
    lateId = (await call(operator, 'POST', '/api/intake', { text: '小区垃圾站三天没人清运，臭味很大', name: '周先生', phone: '13900000005' })).id;
    await call(operator, 'POST', `/api/tickets/${lateId}/dispatch`, { unitId: unit.user.units[0].id });
    const startAt = new Date(Date.now() - 3 * 86_400_000);
    await hub.ds
      .getRepository(DeadlineEntity)
      .insert({ ticketId: lateId, unitId: unit.user.units[0].id, stage: 'acknowledge', startAt, dueAt: new Date(Date.now() - 86_400_000), status: 'open' });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  /** Neither the page nor the layout's scrolling main area is wider than the phone. */
  async function fitsScreen(page: Page, name: string) {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(SHOTS, `phone-${name}.png`), fullPage: true });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(WIDTH);
    const main = page.locator('.main');
    if (await main.count()) expect(await main.evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(WIDTH);
  }

  /** A button a thumb can hit: at least 40 px high and inside the screen. */
  async function thumbSized(page: Page, testId: string) {
    const box = await page.getByTestId(testId).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.height).toBeGreaterThanOrEqual(40);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTH);
  }

  it('walks the day at 390×844 without horizontal scroll', async () => {
    const context = await browser.newContext({ viewport: { width: WIDTH, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${hub.url}/#/login`);
    await page.getByTestId('login-username').waitFor();
    await fitsScreen(page, 'login');
    await page.getByTestId('login-username').fill('unit1');
    await page.getByTestId('login-password').fill('hub12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor({ state: 'attached' });

    // No fixed sidebar: the menu opens from ☰ and closes once a view is chosen.
    expect(await page.locator('.aside').isVisible()).toBe(false);
    await page.getByTestId('menu-toggle').click();
    const menu = page.getByTestId('nav-drawer');
    await menu.getByText('待签收').click();
    await menu.waitFor({ state: 'hidden' });

    // The list is cards: the request text, its number, the countdown and the status.
    const card = page.getByTestId(`ticket-card-${ticketId}`);
    await card.waitFor();
    expect(await page.locator('.ticket-table').count()).toBe(0);
    await expect(card.innerText()).resolves.toContain(REQUEST.slice(0, 20));
    await expect(card.getByTestId(`ticket-link-${ticketId}`).innerText()).resolves.toMatch(/\d/);
    await expect(card.locator('.deadline-tag, [data-testid=deadline]').count()).resolves.toBeGreaterThan(0);
    await expect(card.innerText()).resolves.toContain('待签收');
    await fitsScreen(page, 'inbox-pending-ack');

    await thumbSized(page, `ack-${ticketId}`);
    await page.getByTestId(`ack-${ticketId}`).tap();
    await page.locator('.el-message', { hasText: '已签收' }).waitFor();
    await card.waitFor({ state: 'detached' });

    // 办理中 → the ticket → 首次联系 and 答复, each in a dialog that fits the screen.
    await page.getByTestId('tab-in_progress').click();
    await page.getByTestId(`ticket-card-${ticketId}`).click();
    await page.getByTestId('ticket-detail').waitFor();
    await page.getByTestId('action-contact').waitFor();
    await fitsScreen(page, 'ticket');
    for (const action of ['action-contact', 'action-reply', 'action-return', 'action-request_extension']) await thumbSized(page, action);

    await page.getByTestId('action-contact').tap();
    const dialog = page.locator('.el-dialog').filter({ has: page.getByTestId('action-submit') });
    await dialog.getByTestId('field-text').fill('已电话联系李女士，约定明早疏通');
    const box = await dialog.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTH);
    await fitsScreen(page, 'contact-dialog');
    await dialog.getByTestId('action-submit').tap();
    await page.locator('.el-message', { hasText: '已记录首次联系' }).waitFor();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByTestId('action-reply').tap();
    await dialog.getByTestId('field-outcome').click();
    await page.locator('.el-select-dropdown__item', { hasText: '已解决' }).click();
    await dialog.getByTestId('field-text').fill('已疏通下水道并清理路面。');
    await fitsScreen(page, 'reply-dialog');
    await dialog.getByTestId('action-submit').tap();
    await page.locator('.el-message', { hasText: '已提交办结反馈' }).waitFor();
    await page.getByTestId('action-reply').waitFor({ state: 'detached' });
    await fitsScreen(page, 'replied');

    // The other lists a clerk opens during the day.
    for (const path of ['/inbox/due_soon', '/tickets', '/knowledge']) {
      await page.goto(`${hub.url}/#${path}`);
      await page.getByTestId('current-user').waitFor({ state: 'attached' });
      await fitsScreen(page, path.replace(/\W+/g, '-').slice(1));
    }
    await context.close();
  }, 180_000);

  it('shows an item posted through the API on an open 待分拨 without 刷新', async () => {
    const before = await call(operator, 'GET', '/api/tickets/triage-version');
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${hub.url}/#/login?next=/triage`);
    await page.getByTestId('login-username').fill('operator');
    await page.getByTestId('login-password').fill('hub12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    await page.waitForLoadState('networkidle');

    const id = (
      await call(operator, 'POST', '/api/intake', { text: '幸福路公交站的站牌被撞倒了，等车的人看不到线路信息', name: '王先生', phone: '13900000003' })
    ).id;
    const after = await call(operator, 'GET', '/api/tickets/triage-version');
    expect([after.count, after.latestId]).toEqual([before.count + 1, id]);
    expect(after.version).not.toBe(before.version);
    // The console polls the version every 10 s and reloads the list when it changed.
    await page.getByTestId(`ticket-link-${id}`).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'phone-live-triage-desktop.png') });
    await context.close();
  }, 120_000);

  it('lets a supervisor send 催办 from a card of 超期督办 on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: WIDTH, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${hub.url}/#/login?next=/overdue`);
    await page.getByTestId('login-username').fill('supervisor');
    await page.getByTestId('login-password').fill('hub12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId(`ticket-card-${lateId}`).waitFor();
    await fitsScreen(page, 'overdue');
    await thumbSized(page, `urge-${lateId}`);
    await page.getByTestId(`urge-${lateId}`).tap();
    const dialog = page.getByTestId('supervision-dialog');
    await dialog.getByTestId('supervision-submit').waitFor();
    // It opens at 催办 for this ticket, its usual wording filled in: one more tap sends it.
    await expect(dialog.getByTestId('supervision-level-urge').getAttribute('class')).resolves.toContain('is-active');
    await fitsScreen(page, 'urge-dialog');
    await dialog.getByTestId('supervision-submit').tap();
    await page.locator('.el-message', { hasText: '已下发 1 份督办单' }).waitFor();
    const supervisor = (await call(null, 'POST', '/api/auth/login', { username: 'supervisor', password: 'hub12345' })).token;
    const orders = await call(supervisor, 'GET', `/api/supervision-orders?ticketId=${lateId}`);
    expect(orders.items.map((o) => o.level)).toEqual(['urge']);
    await context.close();
  }, 120_000);
});
