/**
 * The citizens' pages at phone width (390×844) in headless Chromium: a caller looks their request
 * up with the number and 查询码 from the receipt, sees the reply and the timeline, and answers
 * the 回访 survey behind the link they were sent. Screenshots go to test-artifacts/screenshots/.
 */
import { mkdirSync } from 'fs';
import { join } from 'path';
import { Browser, chromium, Page } from 'playwright-core';
import { OutgoingSmsEntity, TicketEntity } from '@hub/database';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

describe('the citizens’ pages on a phone', () => {
  let hub: HubServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(SHOTS, { recursive: true });
    hub = await startHubServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function api(path: string, token: string | null, body?: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`${hub.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
  const login = async (username: string) =>
    (await api('/api/auth/login', null, { username, password: 'hub12345' })) as { token: string; user: { units: Array<{ id: number }> } };

  async function phone(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    return context.newPage();
  }
  // Nothing wider than the phone (no sideways scrolling); a string, as the test code has no DOM types.
  const fitsWidth = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  it('the number and 查询码 show progress, the reply and the timeline; a wrong code says so in Chinese; the survey link is answered once', async () => {
    const operator = (await login('operator')).token;
    const unit = await login('unit1');
    const intake = await api('/api/intake', operator, {
      channel: 'hotline',
      source: '市长公开电话',
      text: '东湖区湖滨新村小区门口路灯不亮已有一周',
      name: '王先生',
      phone: '13900004321',
    });
    const { id, number, lookupCode } = intake as { id: number; number: string; lookupCode: string };

    const page = await phone();
    await page.goto(`${hub.url}/q?n=${number}`);
    expect(await page.getByTestId('q-number').inputValue()).toBe(number);
    await page.getByTestId('q-code').fill('ABCDEFGH');
    await page.getByTestId('q-submit').click();
    await expect(page.getByTestId('q-error').textContent()).resolves.toBe('未找到该工单：请核对工单编号和查询码');

    await page.getByTestId('q-code').fill(lookupCode.toLowerCase());
    await page.getByTestId('q-submit').click();
    await page.getByTestId('q-result').waitFor();
    expect(await page.getByTestId('q-status').textContent()).toBe('已受理，正在分派');

    await api(`/api/tickets/${id}/dispatch`, operator, { unitId: unit.user.units[0].id });
    await api(`/api/tickets/${id}/acknowledge`, unit.token, {});
    await api(`/api/tickets/${id}/reply`, unit.token, { outcome: 'resolved', text: '已更换路灯灯具，恢复照明。' });
    await page.getByTestId('q-submit').click();
    await page.getByText('已答复，等待回访').waitFor();
    expect(await page.getByTestId('q-reply').textContent()).toContain('已更换路灯灯具，恢复照明。');
    expect(await page.getByTestId('q-timeline').locator('li').allTextContents()).toEqual([
      expect.stringContaining('承办单位已答复'),
      expect.stringContaining('承办单位已签收'),
      expect.stringContaining('已转交承办单位办理'),
      expect.stringContaining('诉求已受理'),
    ]);
    expect(await page.content()).not.toContain('王先生');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'q-status-phone.png'), fullPage: true });

    const sms = await hub.ds.getRepository(OutgoingSmsEntity).findOneByOrFail({ dedupeKey: `survey-${id}-1` });
    const link = /https?:\/\/\S+\/q\/s\/[A-Za-z0-9_-]+/.exec(sms.text)?.[0] as string;
    const survey = await phone();
    await survey.goto(`${hub.url}${new URL(link).pathname}`);
    await survey.getByText('1. 承办单位是否联系了您？').waitFor();
    await survey.getByRole('radio', { name: '是' }).first().check();
    await survey.locator('input[name="resolved"][value="是"]').check();
    await survey.getByRole('radio', { name: '基本满意' }).check();
    await survey.locator('#q-comment').fill('处理及时');
    expect(await fitsWidth(survey)).toBe(true);
    await survey.screenshot({ path: join(SHOTS, 'q-survey-phone.png'), fullPage: true });
    await survey.getByTestId('q-survey-submit').click();
    expect(await survey.getByTestId('q-survey-done').textContent()).toBe('感谢您的评价！');
    expect(await hub.ds.getRepository(TicketEntity).findOneByOrFail({ id })).toMatchObject({ status: 'surveyed', rating: '基本满意' });

    await survey.reload();
    expect(await survey.getByTestId('q-survey-done').textContent()).toBe('该工单已完成回访，感谢您的评价。');
  }, 120_000);

  it('the operator’s 人工录入 page shows the number and 查询码 to read out, and they open the status page', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const desk = await context.newPage();
    await desk.goto(`${hub.url}/#/login`);
    await desk.getByTestId('login-username').fill('operator');
    await desk.getByTestId('login-password').fill('hub12345');
    await desk.getByTestId('login-submit').click();
    await desk.getByTestId('current-user').waitFor();
    await desk.goto(`${hub.url}/#/intake`);
    await desk.getByTestId('intake-phone').fill('13900009999');
    await desk.getByTestId('intake-text').fill('桃园路实验小学门口早高峰车辆乱停，学生过马路危险');
    await desk.getByTestId('intake-submit').click();
    const number = (await desk.getByTestId('receipt-number').textContent())?.trim() as string;
    const code = (await desk.getByTestId('receipt-code').textContent())?.replace(/\s/g, '') as string;
    expect(number).toMatch(/^QH\d{8}-\d{6}$/);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    await desk.screenshot({ path: join(SHOTS, 'intake-receipt.png') });
    await desk.getByTestId('receipt-close').click();
    await desk.waitForURL(/#\/tickets\/\d+$/);
    await context.close();

    const page = await phone();
    await page.goto(`${hub.url}/q?n=${number}`);
    await page.getByTestId('q-code').fill(code);
    await page.getByTestId('q-submit').click();
    expect(await page.getByTestId('q-status').textContent()).toBe('已受理，正在分派');
  }, 120_000);
});
