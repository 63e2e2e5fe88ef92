/**
 * #16 the operator's desk end to end in headless Chromium: with a caller on the line the operator
 * finds the ticket by each identifier in the one lookup box, sees 此号码历史来电 on a repeat call and
 * merges it with one click, and answers a consultation call from a suggested knowledge entry.
 */
import { Browser, chromium, Page } from 'playwright-core';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';
import { TicketEventEntity, TypeOrmUnitOfWork } from '@hub/database';
import { systemClock } from '@hub/domain';
import { seedDemoKnowledge } from '@hub/knowledge';
import { RecordingJobProducer } from '@hub/queue';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

describe("the operator's desk in the console", () => {
  let hub: HubServer;
  let browser: Browser;
  let page: Page;
  const t: Record<string, { id: number; number: string }> = {};

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startHubServer();
    await seedDemoKnowledge(new TypeOrmUnitOfWork(hub.ds, new RecordingJobProducer()), hub.config, systemClock);
    const token = (
      (await (
        await fetch(`${hub.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: 'operator', password: 'hub12345' }),
        })
      ).json()) as { token: string }
    ).token;
    const intake = async (body: object) => {
      const res = await fetch(`${hub.url}/api/intake`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { id: number; number: string };
    };
    t.first = await intake({
      text: '桃园小区3栋楼道灯坏了两个月，物业一直不修',
      name: '陈先生',
      phone: '13912345678',
      email: 'chen@example.cn',
      externalId: 'RX-2026-7788',
      source: '市长公开电话',
      address: '东湖区桃园小区3栋',
    });
    t.repeat = await intake({ text: '还是楼道灯的事，上次反映了还没修', name: '陈先生', phone: '139 1234 5678' });
    t.consult = await intake({ text: '我是打零工的，想问问自己交医疗保险去哪办', phone: '13700009999' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    await page.goto(`${hub.url}/#/login`);
    await page.getByTestId('login-username').fill('operator');
    await page.getByTestId('login-password').fill('hub12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('finds a ticket by its number, phone, name, e-mail, hotline id, address and words', async () => {
    await page.goto(`${hub.url}/#/tickets`);
    const box = page.getByTestId('ticket-lookup');
    const cases: Array<[string, number[]]> = [
      [t.first.number.toLowerCase(), [t.first.id]],
      [t.first.number.replace(/^QH/, ''), [t.first.id]],
      ['+86 139-1234-5678', [t.repeat.id, t.first.id]],
      ['陈先生', [t.repeat.id, t.first.id]],
      ['chen@example.cn', [t.first.id]],
      ['RX-2026-7788', [t.first.id]],
      ['桃园小区', [t.first.id]],
      // Both mention it equally: the newer first.
      ['楼道灯', [t.repeat.id, t.first.id]],
    ];
    for (const [q, ids] of cases) {
      // The lookup this query makes (not an earlier one still answering).
      const answered = page.waitForResponse((r) => r.url().includes('/api/tickets?') && new URL(r.url()).searchParams.get('q') === q, { timeout: 30_000 });
      await box.fill(q);
      await box.press('Enter');
      await answered;
      // The list shows exactly these tickets once the lookup's answer is in (the full list is there before it).
      const want = ids.map((id) => `ticket-link-${id}`).join(',');
      const shown = () => page.locator('[data-testid^="ticket-link-"]').evaluateAll((as) => as.map((a) => a.getAttribute('data-testid')));
      await page
        .waitForFunction(
          `[...document.querySelectorAll('[data-testid^="ticket-link-"]')].map((a) => a.getAttribute('data-testid')).join(',') === ${JSON.stringify(want)}`,
          undefined,
          { timeout: 30_000 },
        )
        .catch(() => undefined);
      expect([q, await shown()]).toEqual([q, want.split(',')]);
    }
  });

  it('shows the caller history on a repeat call and merges it with one click', async () => {
    await page.goto(`${hub.url}/#/tickets/${t.repeat.id}`);
    const history = page.getByTestId('caller-history');
    await history.getByText(t.first.number).waitFor();
    await page.getByTestId(`merge-into-${t.first.id}`).click();
    await page.getByRole('button', { name: '并入', exact: true }).click();
    // The ticket it went into by its number, as the desk reads it out, not its internal id.
    await page
      .getByTestId('merged-into')
      .filter({ hasText: `已并入 ${t.first.number}` })
      .waitFor();
  });

  it('answers a consultation call from a suggested knowledge entry', async () => {
    await page.goto(`${hub.url}/#/tickets/${t.consult.id}`);
    const suggestions = page.getByTestId('knowledge-suggestions');
    await suggestions.getByText('灵活就业人员医保参保登记').waitFor();
    await suggestions.locator('[data-testid^="answer-from-"]').first().click();
    await page.getByRole('button', { name: '答复', exact: true }).click();
    await page.getByTestId('timeline').getByText('知识条目：灵活就业人员医保参保登记（第 1 版）').waitFor();
    const cited = await hub.ds.getRepository(TicketEventEntity).findBy({ ticketId: t.consult.id, type: 'knowledge_cited' });
    expect(cited.map((e) => e.data)).toEqual([expect.objectContaining({ title: '灵活就业人员医保参保登记', version: 1 })]);
  });
});
