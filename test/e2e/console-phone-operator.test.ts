/**
 * #17 in headless Chromium: an operator's day on a phone (390×844). Log in to 待分拨 shown as cards,
 * find a caller's ticket by phone in the one lookup box, open it and 交办 it to a unit, answer a
 * consultation directly (直接答复), and take a call at 人工录入 (此号码历史来电 as the number is typed,
 * the receipt to read out) — no page wider than the screen, every action a thumb-sized button.
 * Screenshots: test-artifacts/screenshots/phone-operator-*.png.
 */
import { Browser } from 'playwright-core';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';
import { apiClient, dialogFits, fitsScreen, launchChromium, logIn, openFromMenu, phoneContext, thumbSized } from './phone-support';

const CALL = '桂花路菜市场门口的路灯坏了一个多月，晚上买菜的老人看不清台阶，已经有人摔倒，希望尽快修好';
const QUESTION = '请问在本市办理居住证需要带哪些材料，到哪个窗口办理，多久能拿到';

describe("an operator's day on a phone", () => {
  let hub: HubServer;
  let browser: Browser;
  let call: ReturnType<typeof apiClient>;
  let callId = 0;
  let questionId = 0;

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startHubServer();
    browser = await launchChromium();
    call = apiClient(hub.url);
    const operator = (await call<{ token: string }>(null, 'POST', '/api/auth/login', { username: 'operator', password: 'hub12345' })).token;
    callId = (await call<{ id: number }>(operator, 'POST', '/api/intake', { text: CALL, name: '赵女士', phone: '13900000011' })).id;
    questionId = (await call<{ id: number }>(operator, 'POST', '/api/intake', { text: QUESTION, name: '钱先生', phone: '13900000012' })).id;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('walks 待分拨, lookup, 交办, 直接答复 and 人工录入 at 390×844 without horizontal scroll', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await logIn(page, hub.url, 'operator');

    // Home is 待分拨, as cards: the request itself as the main line, a thumb-sized 交办 on each.
    await page.getByTestId(`ticket-card-${callId}`).waitFor();
    expect(page.url()).toContain('#/triage');
    expect(await page.locator('.ticket-table').count()).toBe(0);
    await expect(page.getByTestId(`ticket-card-${callId}`).innerText()).resolves.toContain(CALL.slice(0, 20));
    await expect(page.getByTestId(`dispatch-${callId}`).innerText()).resolves.toBe('交办');
    await thumbSized(page, `dispatch-${callId}`);
    await fitsScreen(page, 'operator-triage');

    // The caller rings again: found by the phone number, written as the caller says it.
    await openFromMenu(page, '工单查询');
    await page.getByTestId(`ticket-card-${questionId}`).waitFor();
    await page.getByTestId('ticket-lookup').fill('139-0000-0011');
    await page.getByTestId('ticket-lookup').press('Enter');
    // The list until then held every ticket: only the caller's is left.
    await page.getByTestId(`ticket-card-${questionId}`).waitFor({ state: 'detached' });
    await expect(page.locator('[data-testid^=ticket-card-]').count()).resolves.toBe(1);
    const found = page.getByTestId(`ticket-card-${callId}`);
    await found.waitFor();
    await fitsScreen(page, 'operator-lookup');

    // Open it and 交办 it from the phone.
    await found.tap();
    await page.getByTestId('ticket-detail').waitFor();
    await expect(page.getByTestId('letter-text').innerText()).resolves.toBe(CALL);
    await fitsScreen(page, 'operator-ticket');
    await thumbSized(page, 'action-dispatch');
    await page.getByTestId('action-dispatch').tap();
    const dispatch = page.getByTestId('dispatch-dialog');
    await dispatch.getByTestId('dispatch-submit').waitFor();
    await page.getByTestId('dispatch-unit').tap();
    await page.locator('.el-select-dropdown__item:visible').first().tap();
    await dialogFits(page, 'dispatch-dialog');
    await fitsScreen(page, 'operator-dispatch-dialog');
    await dispatch.getByTestId('dispatch-submit').tap();
    await page.locator('.el-message', { hasText: '已交办至' }).waitFor();
    await page.getByTestId('action-dispatch').waitFor({ state: 'detached' });
    await expect(page.getByTestId('ticket-detail').getByTestId('status-tag').first().innerText()).resolves.toBe('待签收');
    // 承办情况 says the same: the unit has not signed yet (not 办理中).
    await expect(page.getByTestId('assignment-status').innerText()).resolves.toBe('待签收');

    // A consultation answered on the line: 直接答复 from its page.
    await openFromMenu(page, '待分拨');
    await page.getByTestId(`ticket-card-${callId}`).waitFor({ state: 'detached' });
    await page.getByTestId(`ticket-link-${questionId}`).tap();
    await page.getByTestId('ticket-detail').waitFor();
    await thumbSized(page, 'action-answer_directly');
    await page.getByTestId('action-answer_directly').tap();
    const answer = page.getByTestId('action-dialog');
    await answer.getByTestId('field-text').fill('携带身份证、居住地址证明到所在街道便民服务中心办理，材料齐全的十五个工作日内发证。');
    await dialogFits(page, 'action-dialog');
    await fitsScreen(page, 'operator-direct-answer');
    await answer.getByTestId('action-submit').tap();
    await page.locator('.el-message', { hasText: '已直接答复' }).waitFor();
    await page.getByTestId('action-answer_directly').waitFor({ state: 'detached' });

    // 人工录入: the caller's earlier ticket shows as the number is typed; the receipt fits the screen.
    await openFromMenu(page, '人工录入');
    await page.getByTestId('intake-name').fill('赵女士');
    await page.getByTestId('intake-phone').fill('13900000011');
    await page.getByTestId('caller-history').getByText(CALL.slice(0, 8)).first().waitFor();
    await page.getByTestId('intake-text').fill('桂花路菜市场门口的路灯还是不亮，再次反映，请加快维修');
    await fitsScreen(page, 'operator-intake');
    await thumbSized(page, 'intake-submit');
    await page.getByTestId('intake-submit').tap();
    await page.getByTestId('receipt-number').waitFor();
    await expect(page.getByTestId('receipt-number').innerText()).resolves.toMatch(/^QH\d{8}-\d{6}$/);
    await dialogFits(page, 'intake-receipt');
    await fitsScreen(page, 'operator-intake-receipt');
    await page.getByTestId('receipt-close').tap();
    await context.close();
  }, 240_000);
});
