/**
 * #17 in headless Chromium: an administrator on a phone (390×844). The admin tables are cards with
 * thumb-sized actions: a user created from 用户与单位, a routing rule edited from 分拨规则 (its
 * conditions and actions in words on its card), and the other admin lists (发信失败, 推送失败,
 * 导入源与文件, 导入话务数据, 知识库, 常用语) without a table wider than the screen.
 * Screenshots: test-artifacts/screenshots/phone-admin-*.png.
 */
import { Browser } from 'playwright-core';
import { ClusterEntity, TicketEntity } from '@hub/database';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';
import { apiClient, dialogFits, fitsScreen, launchChromium, logIn, openFromMenu, phoneContext, thumbSized } from './phone-support';

type Rule = { id: number; version: number; conditions: { keywords?: string[] }; actions: { urgency?: string; sensitive?: boolean } };

describe('an administrator on a phone', () => {
  let hub: HubServer;
  let browser: Browser;
  let call: ReturnType<typeof apiClient>;
  let admin = '';
  let ruleId = 0;
  let unitName = '';

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startHubServer();
    browser = await launchChromium();
    call = apiClient(hub.url);
    admin = (await call<{ token: string }>(null, 'POST', '/api/auth/login', { username: 'admin', password: 'hub12345' })).token;
    unitName = (await call<Array<{ name: string }>>(admin, 'GET', '/api/units'))[0].name;
    ruleId = (
      await call<Rule>(admin, 'POST', '/api/admin/rules', {
        name: '燃气泄漏',
        priority: 100,
        conditions: { keywords: ['燃气'] },
        actions: { urgency: 'urgent' },
      })
    ).id;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('creates a user and edits a routing rule at 390×844, every admin list as cards', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await logIn(page, hub.url, 'admin');

    // 用户与单位: cards, each user's actions thumb-sized; a new unit clerk created from the phone.
    await openFromMenu(page, '系统管理', '用户与单位');
    await page.locator('[data-testid^=users-card-]').first().waitFor();
    expect(await page.getByTestId('users-table').count()).toBe(0);
    await thumbSized(page, 'reset-unit1');
    await fitsScreen(page, 'admin-users');
    await page.getByTestId('user-new').tap();
    await page.getByTestId('new-username').fill('clerk7');
    await page.getByTestId('new-display-name').fill('街道办小周');
    await page.getByTestId('new-role').tap();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '承办人' }).tap();
    await page.locator('.el-select-dropdown__item', { hasText: '承办人' }).waitFor({ state: 'hidden' });
    await page.getByTestId('new-units').tap();
    await page.locator('.el-select-dropdown__item:visible', { hasText: unitName }).tap();
    await page.getByTestId('new-password').fill('Qinghe-2026-temp');
    await dialogFits(page, 'new-save');
    await fitsScreen(page, 'admin-user-dialog');
    await thumbSized(page, 'new-save');
    await page.getByTestId('new-save').tap();
    await page.locator('.el-message', { hasText: '已创建用户 clerk7' }).waitFor();
    const created = page.locator('[data-testid^=users-card-]', { hasText: '街道办小周（clerk7）' });
    await created.waitFor();
    await expect(created.innerText()).resolves.toContain('待改密码');
    await expect(created.innerText()).resolves.toContain(unitName);

    // 分拨规则: the rule's conditions and actions in words on its card; edited in a form that fits the screen.
    await openFromMenu(page, '系统管理', '分拨规则');
    const card = page.getByTestId(`admin-cards-card-${ruleId}`);
    await card.waitFor();
    await expect(card.innerText()).resolves.toContain('任一关键词 燃气 → 紧急');
    await thumbSized(page, `rule-edit-${ruleId}`);
    await fitsScreen(page, 'admin-rules');
    await page.getByTestId(`rule-edit-${ruleId}`).tap();
    const dialog = page.getByTestId('rule-dialog');
    await expect(dialog.getByTestId('rule-keywords').inputValue()).resolves.toBe('燃气');
    await dialog.getByTestId('rule-keywords').fill('燃气，煤气、天然气');
    await dialog.locator('.el-form-item', { hasText: '敏感事项' }).locator('.el-switch').tap();
    await dialogFits(page, 'rule-dialog');
    await fitsScreen(page, 'admin-rule-dialog');
    await thumbSized(page, 'rule-save');
    await page.getByTestId('rule-save').tap();
    await page.locator('.el-message', { hasText: '已保存规则「燃气泄漏」' }).waitFor();
    await card.getByText('煤气').waitFor();
    const saved = (await call<Rule[]>(admin, 'GET', '/api/admin/rules')).find((r) => r.id === ruleId)!;
    expect([saved.version, saved.conditions.keywords, saved.actions]).toEqual([2, ['燃气', '煤气', '天然气'], { urgency: 'urgent', sensitive: true }]);

    // A rule the server refuses says why, in Chinese, and stays open to fix.
    await page.getByTestId('rule-new').tap();
    await dialog.getByTestId('rule-name').fill('空规则');
    await page.getByTestId('rule-save').tap();
    await page.locator('.el-message--error', { hasText: '规则未保存：至少需要一个条件（任一关键词' }).waitFor();
    await expect(dialog.isVisible()).resolves.toBe(true);

    // The other admin lists: cards, never a table sideways.
    const lists: Array<[string, string]> = [
      ['/admin/outbox', 'admin-table'],
      ['/admin/webhooks', 'admin-table'],
      ['/admin/imports', 'admin-table'],
      ['/admin/intake-items', 'admin-table'],
      ['/imports', 'import-table'],
      ['/knowledge', 'kb-table'],
      ['/canned-replies', 'canned-table'],
    ];
    for (const [path, table] of lists) {
      await page.goto(`${hub.url}/#${path}`);
      await page.getByTestId('current-user').waitFor({ state: 'attached' });
      await fitsScreen(page, `admin-${path.replace(/\W+/g, '-').slice(1)}`);
      expect(await page.getByTestId(table).count()).toBe(0);
    }
    await context.close();
  }, 240_000);

  it('opens a hotspot’s tickets from their numbers (热点与集体访), as cards on a phone and links in the desktop table', async () => {
    const a = await hub.createLetter({ subject: '幸福路夜市占道', text: '幸福路夜市摊贩占道经营，晚上车辆无法通行' });
    const b = await hub.createLetter({ subject: '幸福路占道', text: '幸福路又被夜市摊位占满了，救护车都进不来' });
    const now = new Date();
    const cluster = await hub.ds.getRepository(ClusterEntity).save({
      key: 'e2e-hotspot',
      category: '城市管理/占道经营',
      region: '东湖区',
      title: '幸福路夜市占道经营',
      firstAt: now,
      lastAt: now,
      ticketCount: 2,
      requesterCount: 2,
      status: 'flagged',
      flaggedAt: now,
    });
    await hub.ds.getRepository(TicketEntity).update([a.id, b.id], { clusterId: cluster.id });
    const numberOf = async (id: number) => (await call<{ number: string }>(admin, 'GET', `/api/tickets/${id}`)).number;
    const [na, nb] = [await numberOf(a.id), await numberOf(b.id)];

    const phone = await phoneContext(browser);
    const page = await phone.newPage();
    await logIn(page, hub.url, 'admin');
    await page.goto(`${hub.url}/#/admin/clusters`);
    const card = page.getByTestId(`admin-cards-card-${cluster.id}`);
    await card.waitFor();
    await fitsScreen(page, 'admin-clusters');
    await card.getByRole('link', { name: nb }).tap();
    await page.waitForURL(`**/#/tickets/${b.id}`);
    await page.getByText(nb).first().waitFor();
    await phone.close();

    const desktop = await browser.newContext({ viewport: { width: 1366, height: 768 }, hasTouch: true });
    const wide = await desktop.newPage();
    await logIn(wide, hub.url, 'admin');
    await wide.goto(`${hub.url}/#/admin/clusters`);
    const links = wide.getByTestId('admin-links-tickets').first();
    await links.waitFor();
    await expect(links.getByRole('link').allInnerTexts()).resolves.toEqual(expect.arrayContaining([na, nb]));
    await links.getByRole('link', { name: na }).click();
    await wide.waitForURL(`**/#/tickets/${a.id}`);
    await desktop.close();
  }, 240_000);
});
