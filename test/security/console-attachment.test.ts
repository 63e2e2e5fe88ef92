/**
 * #14 finding 11 (attachment links): the console put the session token in attachment URLs
 * (`?access_token=…`), where it lands in history, proxies and Referer headers. In Chromium: a click
 * on an attachment downloads it through a short-lived signed link, and no URL the page requests
 * carries the session token.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Browser, chromium } from 'playwright-core';
import { AttachmentEntity } from '@hub/database';
import { ensureConsoleBuilt, HubServer, startHubServer } from '../support/hub-server';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

describe('attachments in the console', () => {
  let hub: HubServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startHubServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('downloads an attachment by a signed link, with no session token in any URL', async () => {
    const { id } = await hub.createLetter({ subject: '小区消防通道被占用', text: '来信附照片：小区消防通道被车辆长期占用。', name: '王女士' });
    mkdirSync(join(hub.config.env.dataDir, 'att'), { recursive: true });
    writeFileSync(join(hub.config.env.dataDir, 'att', 'photo.jpg'), 'JPEG-BYTES');
    const a = await hub.ds.getRepository(AttachmentEntity).save({
      ticketId: id,
      intakeItemId: null,
      filename: '现场照片.jpg',
      contentType: 'image/jpeg',
      size: 10,
      sha256: '0'.repeat(64),
      path: 'att/photo.jpg',
      tooLarge: false,
    });

    const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
    const page = await context.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${hub.url}/#/login`);
    await page.getByTestId('login-username').fill('operator');
    await page.getByTestId('login-password').fill('hub12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${hub.url}/#/tickets/${id}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`attachment-${a.id}`).click()]);
    expect(download.suggestedFilename()).toBe('现场照片.jpg');
    expect(readFileSync(await download.path(), 'utf8')).toBe('JPEG-BYTES');
    expect(download.url()).toMatch(new RegExp(`/api/attachments/${a.id}\\?expires=\\d+&masked=0&signature=[\\w-]{43}$`));
    expect(urls.filter((u) => /access_token|Bearer/i.test(u))).toEqual([]);
    await context.close();
  }, 120_000);
});
