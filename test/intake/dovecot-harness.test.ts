import { readFileSync } from 'fs';
import { join } from 'path';
import { ImapFlow } from 'imapflow';
import { createTransport } from 'nodemailer';
import { parseLetter } from '../../libs/intake/src/mail';
import { startDovecot, type DovecotServer } from '../support/dovecot';
import { startSmtpSink } from '../support/smtp';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/mail', name));
const opts = { maxAttachmentBytes: 1024 * 1024, ticketPrefix: 'QH' };

describe('the Dovecot test harness', () => {
  let dovecot: DovecotServer;
  beforeAll(async () => {
    dovecot = await startDovecot({
      users: [
        { user: 'mayor', password: 'mayor-secret' },
        { user: 'governor', password: 'gov-secret' },
      ],
    });
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  async function fetchAll(user: string, folder: string) {
    const client = new ImapFlow(dovecot.imapOptions(user));
    await client.connect();
    try {
      const box = await client.mailboxOpen(folder);
      const out: Array<{ uid: number; source: Buffer }> = [];
      if (box.exists) for await (const m of client.fetch('1:*', { uid: true, source: true })) out.push({ uid: m.uid, source: m.source! });
      return { uidValidity: Number(box.uidValidity), messages: out };
    } finally {
      await client.logout();
    }
  }

  it('serves appended letters that parse back to their Chinese subjects, senders, text and attachments', async () => {
    await dovecot.append('mayor', 'INBOX', fixture('gbk-undeclared-8bit.eml'));
    await dovecot.append('mayor', 'INBOX', fixture('html-only.eml'), ['\\Seen']);
    await dovecot.append('mayor', 'INBOX', fixture('with-attachments.eml'));

    const { messages } = await fetchAll('mayor', 'INBOX');
    expect(messages.map((m) => m.uid)).toEqual([1, 2, 3]);
    const [gbk, html, attached] = await Promise.all(messages.map((m) => parseLetter(m.source, opts)));
    expect(gbk.subject).toBe('反映和平街下水道堵塞问题');
    expect(gbk.from?.name).toBe('李四');
    expect(gbk.text).toContain('污水外溢已经三天');
    expect(html.text).toContain('东湖公园北门的健身器材损坏');
    expect(attached.attachments.map((a) => a.filename)).toEqual(['现场照片.jpg', '情况说明.pdf']);
    expect(attached.attachments[0].content?.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('keeps users and folders apart', async () => {
    await dovecot.append('governor', 'Letters', fixture('big5.eml'));
    const gov = await fetchAll('governor', 'Letters');
    expect(gov.messages).toHaveLength(1);
    expect((await parseLetter(gov.messages[0].source, opts)).subject).toBe('信義路路燈故障');
    expect((await fetchAll('governor', 'INBOX')).messages).toHaveLength(0);
  });

  it('issues a new UIDVALIDITY on reset and renumbers the same letters', async () => {
    const before = await fetchAll('mayor', 'INBOX');
    const newValidity = await dovecot.resetUidValidity('mayor', 'INBOX');
    const after = await fetchAll('mayor', 'INBOX');
    expect(newValidity).not.toBe(before.uidValidity);
    expect(after.uidValidity).toBe(newValidity);
    const ids = async (list: typeof before.messages) => Promise.all(list.map(async (m) => (await parseLetter(m.source, opts)).messageId));
    expect(await ids(after.messages)).toEqual(await ids(before.messages));

    await dovecot.setUidValidity('mayor', 'INBOX', 4242);
    expect((await dovecot.status('mayor', 'INBOX')).uidValidity).toBe(4242);
    expect((await fetchAll('mayor', 'INBOX')).uidValidity).toBe(4242);
  });

  it('refuses a wrong password', async () => {
    const client = new ImapFlow({ ...dovecot.imapOptions('mayor'), auth: { user: 'mayor', pass: 'wrong' } });
    await expect(client.connect()).rejects.toThrow();
  });
});

describe('the SMTP sink', () => {
  it('captures what nodemailer sends, parsed', async () => {
    const sink = await startSmtpSink();
    try {
      const transport = createTransport(sink.url);
      await transport.sendMail({
        from: 'hub@hub.example',
        to: 'citizen@example.cn',
        subject: '关于您反映问题的答复',
        text: '已处理。',
        headers: { 'X-Hub-Ticket': 'QH20250302-000123' },
      });
      const [mail] = await sink.waitFor(1, 3000);
      expect(mail.subject).toBe('关于您反映问题的答复');
      expect(mail.headers.get('x-hub-ticket')).toBe('QH20250302-000123');
      expect(sink.envelopes[0].to).toEqual(['citizen@example.cn']);
      await expect(sink.waitFor(2, 200)).rejects.toThrow(/expected 2/);
    } finally {
      await sink.stop();
    }
  });
});
