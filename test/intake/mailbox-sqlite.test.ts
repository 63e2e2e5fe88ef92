import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { loadConfig, MailboxConfig, parseDatabaseUrl } from '@hub/config';
import { AttachmentEntity, IntakeItemEntity, openDatabase, syncDirectory, TicketEntity, TicketEventEntity } from '@hub/database';
import { mailboxSync, startDovecot, type DovecotServer } from '@hub/testing';
import { ImapflowConnector } from '../../libs/intake/src/mailbox';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/mail', name));

describe('mailbox sync on the embedded SQLite database', () => {
  let dovecot: DovecotServer;
  let ds: DataSource;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ user: 'mayor', password: 'mayor-secret' }] });
    const dir = mkdtempSync(join(tmpdir(), 'hub-mbx-sqlite-'));
    ds = await openDatabase(parseDatabaseUrl(`sqlite:${join(dir, 'hub.sqlite')}`, []), { migrate: true });
  });
  afterAll(async () => {
    await ds?.destroy();
    await dovecot?.stop();
  });

  it('records letters, attachments, replies and times the same way as on MariaDB', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-mbx-sqlite-data-'));
    const config = loadConfig({ ...process.env, HUB_DATA_DIR: dataDir });
    config.mailboxes.mailboxes = [
      Object.assign(new MailboxConfig(), {
        name: '市长信箱',
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        user: 'mayor',
        password: 'mayor-secret',
      }),
    ];
    await syncDirectory(ds, config);
    for (const f of ['gb2312-declared.eml', 'with-attachments.eml', 'reply-to-answer.eml', 'bounce.eml', 'gb2312-declared.eml']) {
      await dovecot.append('mayor', 'INBOX', fixture(f));
    }
    const sync = mailboxSync(ds, config, null, new ImapflowConnector());
    expect(await sync.poll('市长信箱')).toEqual({ fetched: 5, created: 2, threaded: 1, ignored: 1, quarantined: 0, duplicates: 1 });

    const tickets = await ds.getRepository(TicketEntity).find({ order: { id: 'ASC' } });
    expect(tickets.map((t) => [t.subject, t.receivedAt.toISOString()])).toEqual([
      ['关于幸福路夜间施工噪音的投诉', '2025-03-02T01:15:00.000Z'],
      ['道路破损照片和材料', '2025-03-07T01:00:00.000Z'],
    ]);
    const reply = await ds.getRepository(TicketEventEntity).findOneByOrFail({ type: 'requester_reply' });
    expect(reply.ticketId).toBe(tickets[0].id);
    expect(reply.data?.text).toContain('施工仍在继续');
    expect((await ds.getRepository(AttachmentEntity).find()).map((a) => [a.ticketId, a.filename])).toEqual([
      [tickets[1].id, '现场照片.jpg'],
      [tickets[1].id, '情况说明.pdf'],
    ]);
    const items = await ds.getRepository(IntakeItemEntity).find({ order: { id: 'ASC' } });
    expect(items.map((i) => i.status)).toEqual(['ticketed', 'ticketed', 'threaded', 'ignored']);
    expect(items[0].summary).toMatchObject({ from: 'zhangsan@example.cn' });
  });
});
