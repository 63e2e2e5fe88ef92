/**
 * #16 the knowledge base at the desk, in headless Chromium: an admin keeps a canned reply on the 常用语
 * screen and the 直接答复 dialog offers it; the 待分拨 queue suggests entries for the selected ticket
 * and answers from one; the 知识库 page shows the period's direct answers without an entry.
 */
import { Browser, chromium, Page } from 'playwright-core';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';
import { TicketEntity, TicketEventEntity, TypeOrmUnitOfWork } from '@hub/database';
import { systemClock } from '@hub/domain';
import { seedDemoKnowledge } from '@hub/knowledge';
import { RecordingJobProducer } from '@hub/queue';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

describe('the knowledge base at the desk in the console', () => {
  let hub: HubServer;
  let browser: Browser;
  let page: Page;
  const t: Record<string, { id: number; number: string }> = {};

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startHubServer();
    await seedDemoKnowledge(new TypeOrmUnitOfWork(hub.ds, new RecordingJobProducer()), hub.config, systemClock);
    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'hub12345' }),
    });
    const token = ((await login.json()) as { token: string }).token;
    const intake = async (text: string, phone: string) => {
      const res = await fetch(`${hub.url}/api/intake`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ text, phone }),
      });
      return (await res.json()) as { id: number; number: string };
    };
    t.question = await intake('公园几点关门，周一开不开', '13700001111');
    t.consult = await intake('我是打零工的，想问问自己交医疗保险去哪办', '13700002222');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    await page.goto(`${hub.url}/#/login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('hub12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('keeps a canned reply on the 常用语 screen and offers it in the 直接答复 dialog', async () => {
    await page.getByTestId('menu-canned').click();
    await page.getByTestId('canned-new').click();
    const form = page.getByTestId('canned-form');
    await form.getByText('直接答复', { exact: true }).click();
    await page.getByTestId('canned-title').fill('开放时间');
    await page.getByTestId('canned-text').fill('您好，市内公园每日6:00至22:00开放，周一照常开放。');
    await page.getByTestId('canned-save').click();
    await page.getByTestId('canned-table').getByText('开放时间').waitFor();

    await page.goto(`${hub.url}/#/tickets/${t.question.id}`);
    await page.getByTestId('action-answer_directly').click();
    const dialog = page.getByTestId('action-dialog');
    await dialog.getByTestId('canned-pick-text').click();
    await page.locator('.el-select-dropdown__item', { hasText: '开放时间' }).click();
    await expect(dialog.getByTestId('field-text').inputValue()).resolves.toBe('您好，市内公园每日6:00至22:00开放，周一照常开放。');
    await dialog.getByTestId('action-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    const saved = await hub.ds.getRepository(TicketEntity).findOneByOrFail({ id: t.question.id });
    expect(saved).toMatchObject({ status: 'direct_answer' });
  });

  it('suggests entries for the selected ticket in 待分拨 and answers from one', async () => {
    await page.goto(`${hub.url}/#/triage`);
    await page.getByTestId(`ticket-link-${t.consult.id}`).waitFor();
    await page.locator('.ticket-row', { hasText: '打零工' }).click();
    await page.getByTestId('triage-selected').getByText(t.consult.number).waitFor();
    const suggestions = page.getByTestId('knowledge-suggestions');
    await suggestions.getByText('灵活就业人员医保参保登记').waitFor();
    await suggestions.locator('[data-testid^="answer-from-"]').first().click();
    await page.getByRole('button', { name: '答复', exact: true }).click();
    await page.getByTestId(`ticket-link-${t.consult.id}`).waitFor({ state: 'detached' });
    const cited = await hub.ds.getRepository(TicketEventEntity).findBy({ ticketId: t.consult.id, type: 'knowledge_cited' });
    expect(cited.map((e) => e.data)).toEqual([expect.objectContaining({ title: '灵活就业人员医保参保登记' })]);
  });

  it('shows the direct answers without an entry on the 知识库 page', async () => {
    await page.goto(`${hub.url}/#/knowledge`);
    const total = page.getByTestId('kb-gaps-total');
    await total.getByText('直接答复 2 件，引用知识条目 1 件，未引用 1 件').waitFor();
    await page.getByTestId('kb-gaps-recent').getByText(t.question.number).waitFor();
    await page.getByTestId('kb-gaps-entries').getByText('灵活就业人员医保参保登记').waitFor();
  });
});
