/**
 * #17 in headless Chromium: a supervisor's day on a phone (390×844). 超期督办 as cards, most overdue
 * first; filtered by unit and exported as xlsx with the unit in the file name; 催办 from a card;
 * the 督办单 list as cards; a unit's 办结反馈 approved under 办结审核; the work summary's figures one
 * a line, readable. No page wider than the screen. Screenshots: test-artifacts/screenshots/phone-supervisor-*.png.
 */
import { Browser } from 'playwright-core';
import { DeadlineEntity } from '@hub/database';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';
import { apiClient, dialogFits, fitsScreen, launchChromium, logIn, openFromMenu, phoneContext, thumbSized } from './phone-support';

const DAY = 86_400_000;
type Login = { token: string; user: { units: Array<{ id: number; name: string }> } };

describe("a supervisor's day on a phone", () => {
  let hub: HubServer;
  let browser: Browser;
  const ids: Record<string, number> = {};
  let unit2Name = '';

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startHubServer();
    browser = await launchChromium();
    const call = apiClient(hub.url);
    const login = (username: string) => call<Login>(null, 'POST', '/api/auth/login', { username, password: 'hub12345' });
    const operator = (await login('operator')).token;
    const [unit1, unit2] = [await login('unit1'), await login('unit2')];
    unit2Name = unit2.user.units[0].name;
    const dispatched = async (text: string, unit: Login) => {
      const id = (await call<{ id: number }>(operator, 'POST', '/api/intake', { text, name: '孙先生', phone: '13900000021' })).id;
      await call(operator, 'POST', `/api/tickets/${id}/dispatch`, { unitId: unit.user.units[0].id });
      return id;
    };
    // Three tickets left unsigned past their limits, by 1, 5 and 3 days; two with unit1, one with unit2.
    ids.day1 = await dispatched('幸福小区东门的消防通道被私家车长期占用，消防车进不来', unit1);
    ids.day5 = await dispatched('滨江路夜市油烟和噪音扰民，晚上十二点后还在营业', unit2);
    ids.day3 = await dispatched('学府路人行道地砖松动翘起，雨天踩上去溅一身泥水', unit1);
    const deadlines = hub.ds.getRepository(DeadlineEntity);
    for (const [id, late, unit] of [
      [ids.day1, 1, unit1],
      [ids.day5, 5, unit2],
      [ids.day3, 3, unit1],
    ] as const) {
      const dueAt = new Date(Date.now() - late * DAY);
      await deadlines.delete({ ticketId: id, stage: 'acknowledge' });
      await deadlines.insert({
        ticketId: id,
        unitId: unit.user.units[0].id,
        stage: 'acknowledge',
        startAt: new Date(dueAt.getTime() - DAY),
        dueAt,
        status: 'open',
      });
    }
    // A reply unit1 sent for review (办结审核): a leader's 包案 is reviewed before the citizen is answered.
    ids.replied = await dispatched('春晖园2号楼电梯经常困人，物业维修不及时', unit1);
    await call((await login('leader')).token, 'POST', `/api/tickets/${ids.replied}/leader-case`, {});
    await call(unit1.token, 'POST', `/api/tickets/${ids.replied}/acknowledge`, {});
    await call(unit1.token, 'POST', `/api/tickets/${ids.replied}/reply`, { outcome: 'resolved', text: '已督促物业更换电梯控制柜，经检测运行正常。' });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('sorts 超期督办 by lateness, filters, exports, sends 催办, reviews a reply and reads the summary at 390×844', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await logIn(page, hub.url, 'supervisor', '/overdue');

    // Most overdue first, as cards.
    const cards = page.locator('[data-testid^=ticket-card-]');
    await page.getByTestId(`ticket-card-${ids.day1}`).waitFor();
    const order = await cards.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-testid')!.replace('ticket-card-', ''))));
    expect(order.filter((id) => [ids.day1, ids.day3, ids.day5].includes(id))).toEqual([ids.day5, ids.day3, ids.day1]);
    await expect(page.getByTestId(`ticket-card-${ids.day5}`).innerText()).resolves.toMatch(/已超期 \d+天/);
    await fitsScreen(page, 'supervisor-overdue');

    // Filtered by unit, and that list exported: the unit names the file.
    await page.getByTestId('overdue-unit').tap();
    await page.locator('.el-select-dropdown__item:visible').getByText(unit2Name, { exact: true }).tap();
    await page.getByTestId(`ticket-card-${ids.day1}`).waitFor({ state: 'detached' });
    await expect(cards.count()).resolves.toBe(1);
    await fitsScreen(page, 'supervisor-overdue-unit');
    await thumbSized(page, 'overdue-export');
    const download = page.waitForEvent('download');
    await page.getByTestId('overdue-export').tap();
    expect((await download).suggestedFilename()).toBe(
      `超期督办工单_${unit2Name}_超期最久在前_${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}.xlsx`,
    );

    // 催办 from the card: one more tap sends it.
    await thumbSized(page, `urge-${ids.day5}`);
    await page.getByTestId(`urge-${ids.day5}`).tap();
    const dialog = page.getByTestId('supervision-dialog');
    await dialog.getByTestId('supervision-submit').waitFor();
    await dialogFits(page, 'supervision-dialog');
    await dialog.getByTestId('supervision-submit').tap();
    await page.locator('.el-message', { hasText: '已下发 1 份督办单' }).waitFor();

    // 督办单: the order just sent, as a card.
    await openFromMenu(page, '督办单');
    const orderCard = page.locator('[data-testid^=supervision-orders-card-]').filter({ hasText: unit2Name });
    await orderCard.waitFor();
    await expect(orderCard.innerText()).resolves.toContain('催办');
    expect(await page.locator('[data-testid=supervision-orders].el-table').count()).toBe(0);
    await fitsScreen(page, 'supervisor-orders');

    // 办结审核: the unit's reply approved from the ticket's page.
    await openFromMenu(page, '审核与审批');
    const review = page.getByTestId('review-queue');
    await review.getByTestId(`ticket-card-${ids.replied}`).waitFor();
    await fitsScreen(page, 'supervisor-approvals');
    await review.getByTestId(`ticket-card-${ids.replied}`).getByRole('button', { name: '审核' }).tap();
    await page.getByTestId('ticket-detail').waitFor();
    await thumbSized(page, 'action-accept_reply');
    await page.getByTestId('action-accept_reply').tap();
    await page
      .locator('.el-message-box')
      .getByRole('button', { name: /确定|确认|OK/ })
      .tap();
    await page.locator('.el-message', { hasText: '已审核通过' }).waitFor();
    await page.getByTestId('action-accept_reply').waitFor({ state: 'detached' });
    await fitsScreen(page, 'supervisor-reviewed');

    // The work summary: each figure on a line of its own, its label and value side by side.
    await openFromMenu(page, '工作总结报表');
    await page.getByTestId('report-preview').tap();
    await page.getByTestId('report-summary').waitFor();
    const label = page.getByTestId('report-figures').locator('.el-descriptions__label').first();
    const labelBox = await label.boundingBox();
    expect(labelBox!.height).toBeLessThan(60);
    expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await fitsScreen(page, 'supervisor-summary');
    await context.close();
  }, 240_000);
});
