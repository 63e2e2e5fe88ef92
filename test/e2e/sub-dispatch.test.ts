/**
 * 二级派单 in the console, in headless Chromium: the district desk's user (the demo's `district`,
 * holding 东湖区人民政府, a desk) hands a signed ticket down to 东湖区城市管理局 and sees the chain;
 * when the bureau has replied, it edits the reply and answers the city with it (上报).
 */
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { TypeOrmUnitOfWork, UnitEntity } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { systemClock } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { buildTicketUseCases, TicketUseCases } from '@hub/tickets';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const DESK = '东湖区人民政府';
const CHILD = '东湖区城市管理局';

describe('a district desk re-dispatching in the console (二级派单)', () => {
  let hub: HubServer;
  let browser: Browser;
  let context: BrowserContext;
  let actions: TicketUseCases;
  let ticketId: number;
  let child: UnitEntity;

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startHubServer();
    const desk = await hub.ds.getRepository(UnitEntity).findOneByOrFail({ name: DESK });
    child = await hub.ds.getRepository(UnitEntity).findOneByOrFail({ name: CHILD });
    actions = buildTicketUseCases({
      uow: new TypeOrmUnitOfWork(hub.ds, new RecordingJobProducer()),
      config: hub.config,
      planner: loadDeadlinePolicies(hub.config),
      clock: systemClock,
      classifiers: {
        get: () => {
          throw new Error('nothing is routed here');
        },
      },
    });
    ticketId = (await hub.createLetter({ subject: '桃园小区门口占道经营', text: '东湖区桃园小区门口占道经营，影响通行。' })).id;
    await actions.dispatchTicket.execute({ ticketId, unitId: desk.id, category: '城市管理/占道经营', actor: { kind: 'user', id: 1, name: '话务员' } });
    await actions.acknowledgeTicket.execute({ ticketId, unitId: desk.id, actor: { kind: 'unit', id: null, name: DESK } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  }, 240_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await hub?.close();
  });

  async function login(username: string): Promise<Page> {
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${hub.url}/#/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('hub12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }

  it('hands the ticket down, shows the chain, and answers upward from the lower unit’s reply', async () => {
    const page = await login('district');
    await page.goto(`${hub.url}/#/tickets/${ticketId}`);
    const card = page.getByTestId('sub-dispatch');
    await card.getByTestId('sub-child').click();
    await page.locator('.el-select-dropdown__item', { hasText: CHILD }).click();
    await card.getByTestId('sub-dispatch-send').click();
    await card.getByText('已转派下级单位办理，待其反馈。').waitFor();
    await expect(page.getByText(`由${DESK}转派`).innerText()).resolves.toContain(DESK);
    await expect(page.getByTestId('timeline').innerText()).resolves.toContain('二级派单');

    // The bureau signs and replies (its own steps, to the desk).
    await actions.acknowledgeTicket.execute({ ticketId, unitId: child.id, actor: { kind: 'unit', id: null, name: CHILD } });
    await actions.replyTicket.execute({
      ticketId,
      unitId: child.id,
      outcome: 'resolved',
      text: '已清理占道摊点。',
      actor: { kind: 'unit', id: null, name: CHILD },
    });
    await page.reload();
    const pending = page.getByTestId('sub-pending');
    await pending.waitFor();
    await expect(pending.locator('textarea').inputValue()).resolves.toBe('已清理占道摊点。');
    await pending.locator('textarea').fill('经区城管局现场核查，已清理占道摊点并加强巡查。');
    await pending.getByTestId('sub-forward').click();
    await page.getByTestId('sub-pending').waitFor({ state: 'detached' });
    await expect(page.getByTestId('timeline').innerText()).resolves.toContain('上报下级反馈');
    await expect(page.locator('.assignment').first().innerText()).resolves.toContain('经区城管局现场核查，已清理占道摊点并加强巡查。');
  }, 120_000);
});
