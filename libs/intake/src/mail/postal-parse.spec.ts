import iconv from 'iconv-lite';
import { inspectMime } from './mime-repair';
import { parseLetter } from './parse-letter';

const OPTS = { maxAttachmentBytes: 1_000_000, ticketPrefix: 'QH', ownAddresses: ['mayor@hub.example'] };
const b64 = (buf: Buffer) => buf.toString('base64').replace(/.{76}/g, '$&\r\n');
const word = (cs: string, s: string) => `=?${cs}?B?${iconv.encode(s, cs).toString('base64')}?=`;
const head = (cs = 'utf-8') => [
  `From: ${word(cs, '张三')} <citizen@example.cn>`,
  `To: mayor@hub.example, ${word('utf-8', '信访组')}: a@b.cn, c@d.cn;`,
  `Subject: ${word(cs, '关于幸福路夜间施工噪音扰民的反映')}`,
  'Date: Sat, 01 Mar 2025 08:00:00 +0800',
  'Message-ID: <a-1@example.cn>',
  'In-Reply-To: <x@y.cn>',
  'References: <r@s.cn>\r\n <x@y.cn>',
  'MIME-Version: 1.0',
];
const letter = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
const BODY = '市长您好：\r\n幸福路1号附近夜间施工噪音扰民。\r\n联系人：张三，电话：13812345678。\r\n';

const EVERYDAY: Record<string, Buffer> = {
  'GB2312 plain text': letter([
    ...head('gb2312'),
    'Content-Type: text/plain; charset="gb2312"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(iconv.encode(BODY, 'gb2312')),
  ]),
  'GBK 8-bit plain text': letter([
    ...head('gbk'),
    'Content-Type: text/plain; charset=GBK',
    'Content-Transfer-Encoding: 8bit',
    '',
    iconv.encode(BODY, 'gbk').toString('latin1'),
  ]),
  'HTML only': letter([
    ...head(),
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(Buffer.from(`<html><body><p>${BODY.replace(/\r\n/g, '</p><p>')}</p></body></html>`)),
  ]),
  'plain and HTML, quoted-printable': letter([
    ...head(),
    'Content-Type: multipart/alternative; boundary="c"',
    '',
    '--c',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'hello =E4=BD=A0=E5=A5=BD   \r\nsecond line=\r\n continued',
    '--c',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<div>hello 你好<br>second line continued</div>',
    '--c--',
  ]),
  'text with a photo and a PDF named in RFC 2231': letter([
    ...head(),
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(Buffer.from(BODY)),
    '--b',
    'Content-Type: image/jpeg',
    'Content-ID: <img1@example.cn>',
    'Content-Disposition: inline; filename="photo.jpg"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(Buffer.alloc(3000, 7)),
    '--b',
    'Content-Type: application/pdf',
    "Content-Disposition: attachment; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf",
    'Content-Transfer-Encoding: base64',
    '',
    b64(Buffer.alloc(500, 1)),
    '--b--',
  ]),
};

describe('everyday letters through postal-mime', () => {
  it.each(Object.entries(EVERYDAY))('%s: the same letter as mailparser gives', async (_name, raw) => {
    expect(inspectMime(raw).everyday).toBe(true);
    const fast = await parseLetter(raw, OPTS);
    const reference = await parseLetter(raw, { ...OPTS, mailparserOnly: true });
    expect(fast).toEqual(reference);
    expect(fast.subject).toBe('关于幸福路夜间施工噪音扰民的反映');
    expect(fast.from).toEqual({ name: '张三', address: 'citizen@example.cn' });
    expect(fast.references).toEqual(['<r@s.cn>', '<x@y.cn>']);
  });

  it('leaves forwarded letters, reports, TNEF, flowed text and a second text part to mailparser', () => {
    const wrap = (type: string, extra: string[] = []) =>
      inspectMime(
        letter([
          ...head(),
          'Content-Type: multipart/mixed; boundary="b"',
          '',
          '--b',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'hi',
          '--b',
          ...extra,
          `Content-Type: ${type}`,
          '',
          'x',
          '--b--',
        ]),
      ).everyday;
    expect(wrap('message/rfc822')).toBe(false);
    expect(wrap('application/ms-tnef')).toBe(false);
    expect(wrap('application/pkcs7-signature')).toBe(false);
    expect(wrap('text/plain; charset=utf-8')).toBe(false);
    expect(wrap('text/calendar')).toBe(false);
    expect(wrap('image/png', ['Content-Disposition: attachment; filename="a.png"'])).toBe(true);
    expect(
      inspectMime(
        letter([
          ...head(),
          'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
          '',
          '--b',
          'Content-Type: text/plain',
          '',
          'x',
          '--b--',
        ]),
      ).everyday,
    ).toBe(false);
    expect(inspectMime(letter([...head(), 'Content-Type: text/plain; charset=utf-8; format=flowed', '', 'hi'])).everyday).toBe(false);
    expect(inspectMime(letter([...head(), 'Content-Type: text/plain; charset=big5', '', 'hi'])).everyday).toBe(false);
  });
});
