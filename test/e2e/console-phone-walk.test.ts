/**
 * #17 in headless Chromium: every console page at 390×844, as each demo role (operator, unit
 * clerk, supervisor, leader, administrator): each page of the role's ☰ menu and a ticket's page. No page is wider than
 * the screen and nothing on it needs a sideways scroll, inside a table either: the statistics
 * (时效看板's 明细, 督办单's tabs, 考核排名, 分级统计) and every other list read as cards; the
 * tabs fit the screen. Screenshots: test-artifacts/screenshots/phone-walk-<role>-<page>.png.
 */
import { join } from 'path';
import { Browser, Page } from 'playwright-core';
import { DeadlineEntity } from '@hub/database';
import { sectionsFor } from '../../apps/console/src/admin-sections';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';
import { apiClient, launchChromium, logIn, PHONE, phoneContext, SHOTS, thumbSized, wideElements } from './phone-support';

const DAY = 86_400_000;
type Login = { token: string; user: { units: Array<{ id: number; name: string }> } };

/** What each role's ☰ menu opens (NavMenu.vue), and a ticket's page. */
const DESK_PAGES = ['/triage', '/tickets', '/follow-up', '/intake', '/imports', '/knowledge', '/dashboard', '/overdue', '/approvals'];
const UNIT_PAGES = ['pending_ack', 'in_progress', 'due_soon', 'overdue', 'returned'].map((v) => `/inbox/${v}`).concat('/tickets', '/knowledge');
const SUPER_PAGES = ['/supervision', '/leader', '/reports'];
const adminPages = (role: string) => sectionsFor(role).map((s) => (s.key === 'users' ? '/admin/users' : `/admin/${s.key}`));

describe('every console page on a phone, as each role', () => {
  let hub: HubServer;
  let browser: Browser;
  let openId = 0;
  let orderId = 0;
  let unitId = 0;
  let unitName = '';

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startHubServer();
    browser = await launchChromium();
    const call = apiClient(hub.url);
    const login = (username: string) => call<Login>(null, 'POST', '/api/auth/login', { username, password: 'hub12345' });
    const operator = (await login('operator')).token;
    const supervisor = (await login('supervisor')).token;
    const unit1 = await login('unit1');
    [unitId, unitName] = [unit1.user.units[0].id, unit1.user.units[0].name];
    const intake = async (text: string, phone: string) => (await call<{ id: number }>(operator, 'POST', '/api/intake', { text, name: '周先生', phone })).id;
    // A ticket left unsigned a day past its limit (超期督办, the unit's 已超期), under a 督办单.
    openId = await intake('幸福小区东门的消防通道被私家车长期占用，消防车进不来，物业不管', '13900000031');
    await call(operator, 'POST', `/api/tickets/${openId}/dispatch`, { unitId: unit1.user.units[0].id });
    const deadlines = hub.ds.getRepository(DeadlineEntity);
    await deadlines.delete({ ticketId: openId, stage: 'acknowledge' });
    const dueAt = new Date(Date.now() - DAY);
    await deadlines.insert({
      ticketId: openId,
      unitId: unit1.user.units[0].id,
      stage: 'acknowledge',
      startAt: new Date(dueAt.getTime() - DAY),
      dueAt,
      status: 'open',
    });
    const orders = await call<{ items: Array<{ id: number }> }>(supervisor, 'POST', '/api/supervision-orders', {
      ticketIds: [openId],
      level: 'supervise',
      reason: '超期未签收，群众多次来电反映',
      instructions: '请立即签收并联系诉求人，三日内书面回复',
      dueAt: new Date(Date.now() + 3 * DAY).toISOString(),
    });
    orderId = orders.items[0].id;
    // The same caller again (此号码历史来电), answered directly (知识库缺口).
    const again = await intake('消防通道还是被占着，上次反映后没有变化', '13900000031');
    await call(operator, 'POST', `/api/tickets/${again}/direct-answer`, { text: '已告知诉求人可向消防救援大队举报，并记录在案。' });
    // A leader's case the unit answered (领导包案, 办结审核), and the ranking and tier figures of the month.
    const replied = await intake('春晖园2号楼电梯经常困人，物业维修不及时，老人出行困难', '13900000032');
    await call(operator, 'POST', `/api/tickets/${replied}/dispatch`, { unitId: unit1.user.units[0].id });
    await call((await login('leader')).token, 'POST', `/api/tickets/${replied}/leader-case`, {});
    await call(unit1.token, 'POST', `/api/tickets/${replied}/acknowledge`, {});
    await call(unit1.token, 'POST', `/api/tickets/${replied}/reply`, { outcome: 'resolved', text: '已督促物业更换电梯控制柜，经检测运行正常。' });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  /** Opens each page as `username` and lists what sticks out of the screen on it (after its STEPS, and on each of its TABS). */
  async function walk(username: string, paths: string[]): Promise<string[]> {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    // The login page first, then the role's pages, a ticket's page and 修改密码.
    await page.goto(`${hub.url}/#/login`);
    await settled(page);
    const problems = (await wideElements(page)).map((w) => `/login: ${w}`);
    await logIn(page, hub.url, username);
    for (const path of [...paths, `/tickets/${openId}`, '/password']) {
      await page.evaluate(`location.hash = ${JSON.stringify(`#${path}`)}`);
      await page.waitForURL((url) => url.hash === `#${path}`);
      await settled(page);
      const name = `walk-${username}-${path === `/tickets/${openId}` ? 'ticket' : path.slice(1).replace(/\//g, '-')}`;
      await STEPS[path]?.(page);
      await page.screenshot({ path: join(SHOTS, `phone-${name}.png`), fullPage: true });
      problems.push(...(await wideElements(page)).map((w) => `${path}: ${w}`), ...(await smallTabs(page)).map((t) => `${path}: tab ${t}`));
      for (const [tab, check] of Object.entries(TABS[path] ?? {})) {
        await page.locator('.el-tabs__item').getByText(tab, { exact: true }).tap();
        await settled(page);
        await check(page);
        await page.screenshot({ path: join(SHOTS, `phone-${name}-${tab}.png`), fullPage: true });
        problems.push(...(await wideElements(page)).map((w) => `${path} ${tab}: ${w}`));
      }
    }
    await context.close();
    return problems;
  }

  /** Tabs a thumb cannot hit: under 40 px high, or not wholly on the screen (scrolled away behind arrows). */
  async function smallTabs(page: Page): Promise<string[]> {
    const out: string[] = [];
    for (const tab of await page.locator('.el-tabs__item:visible').all()) {
      const box = await tab.boundingBox();
      if (!box || box.height < 40 || box.x < 0 || box.x + box.width > PHONE.width) out.push(await tab.innerText());
    }
    return out;
  }

  /** The page has loaded: no request in flight, no skeleton or loading mask left. */
  async function settled(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle');
    await page.locator('.el-skeleton:visible, .el-loading-mask:visible').first().waitFor({ state: 'hidden' });
    await page.waitForLoadState('networkidle');
  }

  /** A card's text, once it is there and lies within the screen (its figures readable without scrolling sideways). */
  async function cardText(page: Page, testId: string): Promise<string> {
    const card = page.getByTestId(testId);
    await card.waitFor();
    const box = await card.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    return (await card.innerText()).replace(/\s+/g, ' ');
  }

  /** 考核排名 and 分级统计 asked for, as a supervisor does on 工作总结报表: one card a unit, its figures on it. */
  const reports = async (page: Page) => {
    await page.getByTestId('report-summary').waitFor();
    await page.getByTestId('ranking-preview').tap();
    await page.getByTestId('tier-stats-load').tap();
    expect(await cardText(page, `ranking-cards-card-${unitId}`)).toMatch(new RegExp(`${unitName} 得分 [\\d.]+ `));
    // Two tickets with the unit, one answered within its limit.
    expect(await cardText(page, `tier-stats-unit-cards-card-${unitId}`)).toContain('本级 交办 / 按时 / 超期 2 / 1 / 0 本级按时反馈率 100.0%');
    expect(await page.locator('[data-testid=unit-ranking] .el-table, [data-testid=tier-stats] .el-table').count()).toBe(0);
  };

  /** The 督办单 figures of a unit on a card (下发 1, 逾期未回复 0). */
  const supervisionStats = async (page: Page) => {
    expect(await cardText(page, `supervision-stats-card-${unitName}`)).toContain('下发 1 ');
  };

  /** A unit's 督办单 and 零报告 above its tickets: cards whose buttons a thumb can hit. */
  const unitInbox = async (page: Page) => {
    expect(await cardText(page, `unit-supervision-cards-card-${orderId}`)).toContain('超期未签收，群众多次来电反映');
    await thumbSized(page, `answer-order-${orderId}`);
    const zero = page.locator('[data-testid^=confirm-zero-]').first();
    await thumbSized(page, (await zero.getAttribute('data-testid'))!);
  };

  /** 时效看板's 明细: cards, no table. */
  const dashboard = async (page: Page) => {
    await page.getByTestId('stats-cards').waitFor();
    expect(await page.locator('[data-testid=stats-table]').count()).toBe(0);
  };

  /** What is done and checked on a page before it is measured. */
  const STEPS: Record<string, (page: Page) => Promise<void>> = { '/reports': reports, '/dashboard': dashboard, '/inbox/pending_ack': unitInbox };

  const TABS: Record<string, Record<string, (page: Page) => Promise<void>>> = {
    '/supervision': {
      逾期通报: async () => undefined,
      零报告: async (page) => void (await page.getByTestId('zero-counts').waitFor()),
      统计: supervisionStats,
    },
  };

  it('the operator', async () => {
    expect(await walk('operator', DESK_PAGES)).toEqual([]);
  }, 300_000);

  it('the unit clerk', async () => {
    expect(await walk('unit1', UNIT_PAGES)).toEqual([]);
  }, 300_000);

  it('the supervisor, the statistics as cards', async () => {
    expect(await walk('supervisor', [...DESK_PAGES, ...SUPER_PAGES, ...adminPages('supervisor')])).toEqual([]);
  }, 300_000);

  it('the leader', async () => {
    expect(await walk('leader', ['/leader', '/tickets'])).toEqual([]);
  }, 300_000);

  it('the administrator', async () => {
    expect(await walk('admin', [...DESK_PAGES, '/canned-replies', ...SUPER_PAGES, ...adminPages('admin')])).toEqual([]);
  }, 300_000);
});
