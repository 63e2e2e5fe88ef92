import * as iconv from 'iconv-lite';
import { parseLetter } from '@hub/intake';

const opts = { maxAttachmentBytes: 1024 * 1024, ticketPrefix: 'QH' };
const SIMPLIFIED = '幸福路路灯不亮已经一周请尽快修复';
const TRADITIONAL = '信義路路燈故障晚上行人很危險';

/** A letter whose subject (encoded word), text part and attachment name (RFC 2231) all carry `label`. */
function letter(label: string, bytes: Buffer): Buffer {
  const pct = [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  return Buffer.from(
    [
      'From: =?' + label + '?B?' + bytes.toString('base64') + '?= <a@b.cn>',
      `Subject: =?${label}?B?${bytes.toString('base64')}?=`,
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      `Content-Type: text/plain; charset=${label}`,
      'Content-Transfer-Encoding: base64',
      '',
      bytes.toString('base64'),
      '--b',
      `Content-Type: application/pdf; name="=?${label}?B?${bytes.toString('base64')}?="`,
      `Content-Disposition: attachment; filename*=${label}''${pct}`,
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0=',
      '--b--',
      '',
    ].join('\r\n'),
  );
}

const hz = (text: string) => Buffer.from(`~{${Buffer.from(iconv.encode(text, 'gb2312').map((b) => b & 0x7f)).toString('latin1')}~}`, 'latin1');

describe('charset names real senders use (#14)', () => {
  const gb = [
    'eucgb2312_cn',
    'euc_cn',
    'EUC_CN',
    'euc-cn',
    'x-euc-cn',
    'gb2312_80',
    'GB2312.1980-0',
    'zh_CN.euc',
    'cp936',
    'ms936',
    'x-mswin-936',
    'x-gbk',
    'windows-936',
    '936',
    'gb18030-2000',
    'GB18030',
    'cp54936',
    'x-cp20936',
    'csGB2312',
    'chinese',
    'iso-ir-58',
  ];
  it.each(gb)('reads a GB2312/GBK letter labelled %s: sender, subject, text and file name', async (label) => {
    const l = await parseLetter(letter(label, iconv.encode(SIMPLIFIED, 'gbk')), opts);
    expect([l.from?.name, l.subject, l.text, l.attachments[0]?.filename]).toEqual([SIMPLIFIED, SIMPLIFIED, SIMPLIFIED, SIMPLIFIED]);
  });

  const big5 = ['big5', 'x-big5', 'x-x-big5', 'big5hkscs', 'big5-hkscs', 'cp950', 'ms950', 'windows-950', 'big5-tw', 'csBig5', 'x-MS950-HKSCS'];
  it.each(big5)('reads a Big5 letter labelled %s', async (label) => {
    const l = await parseLetter(letter(label, iconv.encode(TRADITIONAL, 'big5')), opts);
    expect([l.from?.name, l.subject, l.text, l.attachments[0]?.filename]).toEqual([TRADITIONAL, TRADITIONAL, TRADITIONAL, TRADITIONAL]);
  });

  it.each(['hz', 'hz-gb', 'HZ-GB-2312', 'x-hz'])('reads an HZ letter labelled %s', async (label) => {
    const l = await parseLetter(letter(label, hz(SIMPLIFIED)), opts);
    expect([l.subject, l.text, l.attachments[0]?.filename]).toEqual([SIMPLIFIED, SIMPLIFIED, SIMPLIFIED]);
  });

  it('gives a label nobody knows the detection undeclared 8-bit text gets: GBK bytes as GBK, UTF-8 bytes as UTF-8', async () => {
    const gbk = await parseLetter(letter('x-no-such-charset', iconv.encode(SIMPLIFIED, 'gbk')), opts);
    expect([gbk.subject, gbk.text, gbk.attachments[0]?.filename]).toEqual([SIMPLIFIED, SIMPLIFIED, SIMPLIFIED]);
    const utf8 = await parseLetter(letter('x-no-such-charset', Buffer.from(SIMPLIFIED)), opts);
    expect([utf8.subject, utf8.text, utf8.attachments[0]?.filename]).toEqual([SIMPLIFIED, SIMPLIFIED, SIMPLIFIED]);
  });

  it('reads UTF-8 bytes under a GB alias as UTF-8 (web forms that keep an old label)', async () => {
    const l = await parseLetter(letter('eucgb2312_cn', Buffer.from(SIMPLIFIED)), opts);
    expect([l.subject, l.text, l.attachments[0]?.filename]).toEqual([SIMPLIFIED, SIMPLIFIED, SIMPLIFIED]);
  });
});
