/**
 * Letters that used to be quarantined or garbled, polled from a real Dovecot into MariaDB: a
 * thousand attachments, NUL bytes in the text, a subject in Python's name for GB2312 (#13, #14).
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { HubConfig, loadConfig, MailboxConfig, parseDatabaseUrl } from '@hub/config';
import { AttachmentEntity, IntakeItemEntity, openDatabase, syncDirectory, TicketEntity } from '@hub/database';
import { RecordingJobProducer } from '@hub/queue';
import { createMysqlDatabase, mailboxSync, startDovecot, uniqueName, type DovecotServer } from '@hub/testing';
import { ImapflowConnector } from '../../libs/intake/src/mailbox';

const TEXT = '尊敬的市长：幸福路路灯不亮已经一周。请尽快修复。';

function header(id: string, subject: string): string[] {
  return [
    'From: =?utf-8?B?546L5YWI55Sf?= <wang@example.cn>',
    'To: mayor@hub.example',
    `Subject: ${subject}`,
    'Date: Tue, 18 Mar 2025 09:00:00 +0800',
    `Message-ID: <${id}>`,
    'MIME-Version: 1.0',
  ];
}

function photos(n: number): string {
  const lines = [
    ...header('photos@example.cn', '=?utf-8?B?' + Buffer.from('小区照片一千张').toString('base64') + '?='),
    'Content-Type: multipart/mixed; boundary=b',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    TEXT,
  ];
  for (let i = 1; i <= n; i++)
    lines.push(
      '--b',
      `Content-Type: image/jpeg; name="p${i}.jpg"`,
      'Content-Disposition: attachment',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(`\xff\xd8 photo ${i}`, 'latin1').toString('base64'),
    );
  lines.push('--b--', '');
  return lines.join('\r\n');
}

describe('letters past the old limits, through Dovecot into tickets', () => {
  let dovecot: DovecotServer;
  let ds: DataSource;
  let drop: () => Promise<void>;
  let config: HubConfig;
  // The database lock (GET_LOCK) is server-wide: a name no other test file polls.
  const MAILBOX = `信箱-${uniqueName('sec')}`;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ user: 'mayor', password: 'mayor-secret' }] });
    const db = await createMysqlDatabase('hubsecmail');
    drop = db.drop;
    ds = await openDatabase(parseDatabaseUrl(db.url, []), { migrate: true });
    config = loadConfig({ ...process.env, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-secmail-')) });
    config.mailboxes.mailboxes = [
      Object.assign(new MailboxConfig(), {
        name: MAILBOX,
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        user: 'mayor',
        password: 'mayor-secret',
        folder: 'INBOX',
        after: 'seen',
        address: 'mayor@hub.example',
      }),
    ];
    await syncDirectory(ds, config);
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
    await dovecot?.stop();
  });

  it('makes tickets of all three, with every attachment, clean text and a readable subject', async () => {
    await dovecot.append('mayor', 'INBOX', photos(1000));
    const nul = `尊敬的市长：\u0000幸福路路灯不亮已经一周。\u0000\u0000请尽快修复。`;
    await dovecot.append(
      'mayor',
      'INBOX',
      [...header('nul@example.cn', 'NUL'), 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', nul, ''].join('\r\n'),
    );
    const gb = iconv.encode('关于幸福路路灯的投诉', 'gb2312').toString('base64');
    await dovecot.append(
      'mayor',
      'INBOX',
      [
        ...header('python@example.cn', `=?eucgb2312_cn?b?${gb}?=`),
        'Content-Type: text/plain; charset="eucgb2312_cn"',
        'Content-Transfer-Encoding: base64',
        '',
        iconv.encode(TEXT, 'gb2312').toString('base64'),
        '',
      ].join('\r\n'),
    );

    const result = await mailboxSync(ds, config, new RecordingJobProducer(), new ImapflowConnector(config.env.configDir)).poll(MAILBOX);
    expect(result).toMatchObject({ fetched: 3, created: 3, quarantined: 0 });
    const made = await ds.getRepository(TicketEntity).find({ order: { id: 'ASC' } });
    expect(made.map((t) => t.subject)).toEqual(['小区照片一千张', 'NUL', '关于幸福路路灯的投诉']);
    expect(made.map((t) => t.text)).toEqual([TEXT, TEXT, TEXT]);
    expect(await ds.getRepository(AttachmentEntity).count({ where: { ticketId: made[0].id } })).toBe(1000);
    expect((await ds.getRepository(IntakeItemEntity).find()).map((i) => i.status)).toEqual(['ticketed', 'ticketed', 'ticketed']);
  }, 120_000);
});
