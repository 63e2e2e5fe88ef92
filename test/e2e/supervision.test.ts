/**
 * 督办单 in the console, in headless Chromium: a supervisor picks two overdue letters and orders
 * their unit; the unit finds the orders above its tickets and answers one; the supervisor sees
 * the answer and the other still waiting. 零报告: a unit to which nothing was dispatched confirms last
 * week's from the card above its tickets; the supervisor finds it confirmed under 督办单 → 零报告.
 */
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { TypeOrmUnitOfWork, UnitEntity } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { fixedClock } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { buildTicketUseCases } from '@hub/tickets';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const UNIT1 = '市住房和城乡建设局';

describe('supervision orders in the console', () => {
  let hub: HubServer;
  let browser: Browser;
  const ids: number[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startHubServer();
    const unit = await hub.ds.getRepository(UnitEntity).findOneByOrFail({ name: UNIT1 });
    // Dispatched ten days ago and never acknowledged: both are overdue.
    const past = new Date(Date.now() - 10 * 86_400_000);
    const actions = buildTicketUseCases({
      uow: new TypeOrmUnitOfWork(hub.ds, new RecordingJobProducer()),
      config: hub.config,
      planner: loadDeadlinePolicies(hub.config),
      clock: fixedClock(past),
      classifiers: {
        get: () => {
          throw new Error('nothing is routed here');
        },
      },
    });
    for (const [subject, text] of [
      ['湖滨新村物业费上调', '东湖区湖滨新村物业擅自上调物业费，请核查。'],
      ['幸福里电梯停运', '东湖区幸福里小区电梯停运三天无人维修。'],
    ]) {
      const { id } = await hub.createLetter({ subject, text, receivedAt: past });
      await actions.dispatchTicket.execute({ ticketId: id, unitId: unit.id, category: '城乡建设/物业管理', actor: { kind: 'user', id: 1, name: '话务员' } });
      ids.push(id);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await hub?.close();
  });

  async function login(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Europe/Berlin' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${hub.url}/#/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('hub12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }

  it('takes an order from the supervisor to the unit and its answer back', async () => {
    const supervisor = await login('supervisor');
    await supervisor.goto(`${hub.url}/#/overdue`);
    for (const id of ids) await supervisor.getByTestId(`pick-${id}`).click();
    await supervisor.getByTestId('order-picked').click();
    const dialog = supervisor.getByTestId('supervision-dialog');
    await dialog.getByText('对 2 件工单下发督办单').waitFor();
    await dialog.getByTestId('supervision-level-listed').click();
    await dialog.getByTestId('supervision-reason').fill('群众反复投诉，超期未签收');
    await dialog.getByTestId('supervision-instructions').fill('立即签收，三日内书面回复核查结果');
    await dialog.getByTestId('supervision-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    await supervisor.getByTestId('menu-supervision').click();
    const list = supervisor.getByTestId('supervision-orders');
    await list.locator('.supervision-row').nth(1).waitFor();
    await expect(list.innerText()).resolves.toContain(UNIT1);
    expect(await list.locator('.supervision-row', { hasText: '待回复' }).count()).toBe(2);

    // The unit sees both orders before its tickets and answers the first.
    const unit = await login('unit1');
    const orders = unit.getByTestId('unit-supervision-orders');
    await orders.locator('.supervision-row').nth(1).waitFor();
    await expect(orders.innerText()).resolves.toContain('立即签收，三日内书面回复核查结果');
    await expect(orders.innerText()).resolves.toContain('挂牌督办');
    await orders.locator('[data-testid^=answer-order-]').first().click();
    const answer = unit.getByTestId('supervision-answer-dialog');
    await answer.getByTestId('supervision-answer-text').fill('已签收并现场核查，物业费调整已叫停。');
    await answer.getByTestId('supervision-answer-submit').click();
    await answer.waitFor({ state: 'hidden' });
    await orders.locator('.supervision-row').nth(1).waitFor({ state: 'detached' });
    expect(await orders.locator('.supervision-row').count()).toBe(1);

    // Back at the supervisor's: one answered with its text, one still waiting.
    await supervisor.reload();
    await list.locator('.supervision-row', { hasText: '已回复' }).waitFor();
    await expect(list.innerText()).resolves.toContain('已签收并现场核查，物业费调整已叫停。');
    expect(await list.locator('.supervision-row', { hasText: '待回复' }).count()).toBe(1);

    // The ticket's page shows the order and its answer, and the timeline says so.
    await unit.goto(`${hub.url}/#/tickets/${ids[0]}`);
    await unit.getByTestId('ticket-supervision-orders').waitFor();
    await expect(unit.getByTestId('timeline').innerText()).resolves.toContain('下发督办单');
  }, 120_000);

  it('lets a unit with no tickets confirm last week’s 零报告 and shows it to the supervisor', async () => {
    const unit = await login('unit2');
    const card = unit.getByTestId('unit-zero-reports');
    // Nothing was ever dispatched to it: it owes last week's and this week's.
    await card.locator('.zero-row').nth(1).waitFor();
    await expect(card.innerText()).resolves.toContain('市生态环境局');
    await card.locator('[data-testid^=confirm-zero-]').first().click();
    await unit.locator('.el-message-box').getByRole('button', { name: '确认零报告' }).click();
    await card.locator('.zero-row').nth(1).waitFor({ state: 'detached' });
    expect(await card.locator('.zero-row').count()).toBe(1);
    await expect(card.innerText()).resolves.toContain('进行中');

    const supervisor = await login('supervisor');
    await supervisor.goto(`${hub.url}/#/supervision`);
    await supervisor.locator('#tab-zero').click();
    const table = supervisor.getByTestId('zero-report-table');
    const row = table.locator('.zero-row', { hasText: '市生态环境局' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('已确认零报告');
    await expect(row.innerText()).resolves.toContain('市生态环境局 承办人');
    await expect(supervisor.getByTestId('zero-counts').innerText()).resolves.toContain('已确认零报告 1');
    expect(await table.locator('.zero-row', { hasText: '未确认零报告' }).count()).toBeGreaterThan(20);
  }, 120_000);
});
