import * as iconv from 'iconv-lite';
import { inspectMime, LetterParseError, parseLetter } from '@hub/intake';

const opts = { maxAttachmentBytes: 1024 * 1024, ticketPrefix: 'QH' };
const TEXT = '尊敬的市长：幸福路路灯不亮已经一周。请尽快修复。';

function withPhotos(n: number): Buffer {
  const lines = [
    'From: 王先生 <wang@example.cn>',
    'Subject: =?UTF-8?B?' + Buffer.from('小区照片').toString('base64') + '?=',
    'Message-ID: <photos@example.cn>',
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
      `Content-Type: image/jpeg; name="照片${i}.jpg"`,
      'Content-Disposition: attachment',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(`jpeg ${i}`).toString('base64'),
    );
  lines.push('--b--', '');
  return Buffer.from(lines.join('\r\n'));
}

describe('NUL bytes in a UTF-8 letter (#13)', () => {
  const nul = '尊敬的市长：\u0000幸福路路灯不亮已经一周。\u0000\u0000请尽快修复。';
  const letter = (cte: string, body: string) =>
    Buffer.from(
      `From: a@b.cn\r\nSubject: =?utf-8?B?${Buffer.from('路灯\u0000不亮').toString('base64')}?=\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: ${cte}\r\n\r\n${body}\r\n`,
    );

  it.each([
    ['8bit', nul],
    ['base64', Buffer.from(nul).toString('base64')],
  ])('leaves them out of the text and subject of a %s body, and keeps the letter', async (cte, body) => {
    const l = await parseLetter(letter(cte, body), opts);
    expect(l.text).toBe(TEXT);
    expect(l.subject).toBe('路灯不亮');
  });

  it('reads a UTF-8 body whose NULs a mail server turned into 0x80 (Dovecot does) as UTF-8, without them', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: a@b.cn\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
      Buffer.from(nul.replace(/\u0000/g, '\u0001')).map((b) => (b === 1 ? 0x80 : b)),
      Buffer.from('\r\n'),
    ]);
    const l = await parseLetter(raw, opts);
    expect(l.text).toBe(TEXT);
    expect(l.repairs).toContain('3 stray byte(s) removed from UTF-8 text/plain');
  });

  it('still reads GBK text as GBK, not as UTF-8 with stray bytes', async () => {
    const gbk = Buffer.concat([
      Buffer.from('From: a@b.cn\r\nSubject: x\r\n\r\n'),
      iconv.encode(`${TEXT}联系人朱镕，电话13800138000。`, 'gbk'),
      Buffer.from('\r\n'),
    ]);
    expect((await parseLetter(gbk, opts)).text).toBe(`${TEXT}联系人朱镕，电话13800138000。`);
  });

  it('still refuses binary data whose headers hold NUL bytes', async () => {
    expect(() => inspectMime(Buffer.from([0x46, 0x72, 0x6f, 0x6d, 0x3a, 0x00, 0x10, 0x4a, 0x46, 0x0a]))).toThrow(LetterParseError);
  });
});

describe('a letter with a thousand attachments (#13)', () => {
  it('becomes a letter with all of them, not a quarantined message', async () => {
    const l = await parseLetter(withPhotos(1000), opts);
    expect(l.text).toBe(TEXT);
    expect(l.attachments).toHaveLength(1000);
    expect(l.attachments[999]).toMatchObject({ filename: '照片1000.jpg', content: Buffer.from('jpeg 1000') });
  }, 30_000);

  it('keeps the parts past the limit in the raw letter and says so in the text', async () => {
    const l = await parseLetter(withPhotos(2100), opts);
    expect(l.attachments).toHaveLength(1999);
    expect(l.text).toBe(`${TEXT}\n\n（本信另有 101 个部分（附件等）超出单封信件可拆分的 2000 个，未单独列出；原始邮件完整保存在系统中，可由管理员调阅。）`);
    expect(l.repairs).toContain('101 MIME part(s) past the first 2000 left in the raw letter');
  }, 30_000);
});
