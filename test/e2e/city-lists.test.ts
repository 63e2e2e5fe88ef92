/**
 * Several cities in the console (issue #21), in headless Chromium: with cities in cities.yaml (the
 * demo's 蓝山市 beside 青禾市), every ticket list shows whose ticket it is (a 地市 column on a desktop,
 * a line on a phone card); 蓝山's operator (`ls-operator`, scoped to the city) finds only 蓝山's
 * tickets in 待分拨, the installation's operator both.
 */
import { Browser, chromium, Page } from 'playwright-core';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const LANSHAN = '蓝山市12345热线';

describe('the ticket lists of an installation with cities', () => {
  let hub: HubServer;
  let browser: Browser;
  let own: { id: number; number: string };
  let city: { id: number; number: string };

  async function intake(token: string, body: Record<string, unknown>) {
    const res = await fetch(`${hub.url}/api/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: number; number: string };
  }

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startHubServer();
    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'operator', password: 'hub12345' }),
    });
    const { token } = (await login.json()) as { token: string };
    own = await intake(token, { text: '东湖区桃园小区门口占道经营，影响通行', name: '钱先生', phone: '13700137001' });
    city = await intake(token, { text: '松溪老街路灯不亮已有一周，夜间出行不便', name: '赵女士', phone: '13700137000', city: LANSHAN });
    expect([own.number.slice(0, 2), city.number.slice(0, 2)]).toEqual(['QH', 'LS']);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function triage(username: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${hub.url}/#/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('hub12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${hub.url}/#/triage`);
    await page.getByTestId(`ticket-link-${city.id}`).first().waitFor();
    return page;
  }

  it('shows each ticket’s city in a 地市 column; the installation’s operator sees both cities’ tickets', async () => {
    const page = await triage('operator', { width: 1366, height: 768 });
    await page.getByTestId(`ticket-link-${own.id}`).first().waitFor();
    await expect(page.locator('.el-table__header').innerText()).resolves.toContain('地市');
    const row = (id: number) => page.locator('tr.ticket-row', { has: page.getByTestId(`ticket-link-${id}`) }).getByTestId('row-city');
    await expect(row(city.id).innerText()).resolves.toBe(LANSHAN);
    // The demo has no province desk: a ticket of no city is the installation's own (本级).
    await expect(row(own.id).innerText()).resolves.toBe('本级');
    await page.screenshot({ path: 'test-artifacts/screenshots/city-triage.png' });
    await page.context().close();
  });

  it('gives 蓝山’s operator only 蓝山’s tickets in 待分拨, each card with its city on a line', async () => {
    const page = await triage('ls-operator', { width: 390, height: 844 });
    const card = page.getByTestId(`ticket-card-${city.id}`);
    await expect(card.getByTestId('row-city').innerText()).resolves.toBe(`地市：${LANSHAN}`);
    await expect(page.getByTestId(`ticket-card-${own.id}`).count()).resolves.toBe(0);
    await expect(page.getByTestId(`ticket-link-${own.id}`).count()).resolves.toBe(0);
    await page.screenshot({ path: 'test-artifacts/screenshots/phone-city-triage.png' });
    await page.context().close();
  });
});
