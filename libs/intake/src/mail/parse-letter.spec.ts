import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import * as iconv from 'iconv-lite';
import { LetterParseError } from './letter-parse-error';
import { headerMessageId, parseLetter } from './parse-letter';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../../test/fixtures/mail', name));
const opts = { maxAttachmentBytes: 1024 * 1024, ticketPrefix: 'QH' };
const parse = (name: string, o = opts) => parseLetter(fixture(name), o);

describe('parseLetter', () => {
  it('decodes a GB2312-declared letter, including GBK-only characters, from the sender name to the text', async () => {
    const l = await parse('gb2312-declared.eml');
    expect(l.subject).toBe('关于幸福路夜间施工噪音的投诉');
    expect(l.from).toEqual({ name: '张三', address: 'zhangsan@example.cn' });
    expect(l.to).toEqual([{ name: '市长信箱', address: 'mayor@hub.example' }]);
    expect(l.text).toContain('联系人朱镕，电话13800138000。');
    expect(l.date?.toISOString()).toBe('2025-03-02T01:15:00.000Z');
    expect(l.messageId).toBe('<20250302091500.1234@example.cn>');
    expect(l.ignore).toBeNull();
  });

  it('reads raw 8-bit GBK headers and an undeclared GBK body as Chinese, not mojibake', async () => {
    const l = await parse('gbk-undeclared-8bit.eml');
    expect(l.subject).toBe('反映和平街下水道堵塞问题');
    expect(l.from?.name).toBe('李四');
    expect(l.text).toBe('和平街3号小区门口下水道堵塞，污水外溢已经三天，无人处理。\n请尽快派人疏通。');
    expect(l.text).not.toContain('\ufffd');
  });

  it('synthesises the same Message-ID for the same bytes when the letter has none', async () => {
    const a = await parse('gbk-undeclared-8bit.eml');
    const b = await parse('gbk-undeclared-8bit.eml');
    expect(a.messageIdSynthetic).toBe(true);
    expect(a.messageId).toMatch(/^<[0-9a-f]{40}@synthetic\.hub>$/);
    expect(b.messageId).toBe(a.messageId);
  });

  it('decodes Big5 and UTF-8 quoted-printable letters', async () => {
    const big5 = await parse('big5.eml');
    expect(big5.subject).toBe('信義路路燈故障');
    expect(big5.from?.name).toBe('陳大文');
    expect(big5.text).toContain('晚上行人很危險');
    const qp = await parse('utf8-qp.eml');
    expect(qp.subject).toBe('建议增加公交班次');
    expect(qp.from?.name).toBe('王五');
    expect(qp.text).toBe('建议早高峰增加 12 路公交班次，现在每班间隔 20 分钟，站台非常拥挤。\n谢谢！');
  });

  it('turns an HTML-only letter into readable text with its paragraphs and keeps the HTML', async () => {
    const l = await parse('html-only.eml');
    expect(l.text).toBe('尊敬的市长：\n\n东湖公园北门的健身器材损坏，\n存在安全隐患。\n\n• 单杠松动\n• 跑步机断裂\n\n市民 赵六 & 邻居们');
    expect(l.text).not.toMatch(/alert|color/);
    expect(l.html).toContain('<p>尊敬的市长：</p>');
  });

  it('reads the matter from the HTML part when the plain part is empty or only says to view the HTML', async () => {
    const alternative = (plain: string, html: string) =>
      Buffer.from(
        [
          'From: a@b.cn',
          'Subject: x',
          'Content-Type: multipart/alternative; boundary=alt',
          '',
          '--alt',
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from(plain).toString('base64'),
          '--alt',
          'Content-Type: text/html; charset=utf-8',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from(html).toString('base64'),
          '--alt--',
          '',
        ].join('\r\n'),
      );
    const matter = '<p>尊敬的市长：</p><p>幸福家园小区3号楼今冬供暖温度只有14度，多次找物业无果。</p>';
    for (const stub of ['', '请查看HTML格式的邮件内容。', '此邮件为HTML格式，请使用支持HTML格式的邮件客户端查看。']) {
      const l = await parseLetter(alternative(stub, matter), opts);
      expect(l.text).toBe('尊敬的市长：\n\n幸福家园小区3号楼今冬供暖温度只有14度，多次找物业无果。');
    }
    const mirrored = await parseLetter(alternative('尊敬的市长：\r\n供暖温度只有14度。', '<div>尊敬的市长：<br>供暖温度只有<b>14</b>度。</div>'), opts);
    expect(mirrored.text).toBe('尊敬的市长：\n供暖温度只有14度。');
  });

  it("leaves a web form page's title, styles, scripts and comments out of the text", async () => {
    const page =
      '<html><head><title>市长信箱来信</title><style>td{color:red}</style><script>var a=1;</script></head><body><!-- 表单 -->' +
      '<table><tr><td>来信人：</td><td>李红</td></tr><tr><td>来信内容：</td><td>学校门口早上7点半&nbsp;拥堵，<br>建议设临时停车位。</td></tr></table></body></html>';
    const l = await parseLetter(Buffer.from(`From: form@gov.example\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${page}\r\n`), opts);
    expect(l.text).toBe('来信人：\t李红\n来信内容：\t学校门口早上7点半 拥堵，\n建议设临时停车位。');
  });

  it('returns attachments with decoded names, type, size, sha256 and content', async () => {
    const l = await parse('with-attachments.eml');
    expect(l.text).toBe('人民路中段路面塌陷，附上现场照片和情况说明。');
    const [jpg, pdf] = l.attachments;
    expect(jpg).toMatchObject({ filename: '现场照片.jpg', contentType: 'image/jpeg', size: 2022, tooLarge: false, inline: false });
    expect(jpg.content?.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(jpg.sha256).toBe(
      createHash('sha256')
        .update(jpg.content as Buffer)
        .digest('hex'),
    );
    expect(pdf).toMatchObject({ filename: '情况说明.pdf', contentType: 'application/pdf' });
    expect(pdf.content?.toString('latin1')).toMatch(/^%PDF-1\.4/);
  });

  it("hands on the files inside an Outlook winmail.dat (TNEF) as the letter's attachments, with their Chinese names", async () => {
    const u32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(n);
      return b;
    };
    const pad4 = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
    const attr = (level: number, id: number, data: Buffer) => {
      const sum = Buffer.alloc(2);
      sum.writeUInt16LE(data.reduce((x, y) => (x + y) & 0xffff, 0));
      return Buffer.concat([Buffer.from([level]), u32(id), u32(data.length), data, sum]);
    };
    const longName = Buffer.from('情况说明.docx\0', 'utf16le');
    const mapi = Buffer.concat([u32(1), Buffer.from([0x1f, 0x00, 0x07, 0x37]), u32(1), u32(longName.length), pad4(longName)]);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const docx = Buffer.from('PK\x03\x04docx', 'latin1');
    const tnef = Buffer.concat([
      u32(0x223e9f78),
      Buffer.from([0x01, 0x00]),
      attr(1, 0x00069007, Buffer.concat([u32(936), u32(0)])),
      attr(2, 0x00069002, Buffer.alloc(14)),
      attr(2, 0x00018010, Buffer.concat([iconv.encode('现场照片.jpg', 'gbk'), Buffer.from([0])])),
      attr(2, 0x0006800f, jpeg),
      attr(2, 0x00069002, Buffer.alloc(14)),
      attr(2, 0x00018010, Buffer.from('QKSM~1.DOC\0')),
      attr(2, 0x0006800f, docx),
      attr(2, 0x00069005, mapi),
    ]);
    const raw = Buffer.from(
      [
        'From: a@b.cn',
        'Subject: x',
        'Content-Type: multipart/mixed; boundary=m',
        '',
        '--m',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '请看附件中的投诉材料。',
        '--m',
        'Content-Type: application/ms-tnef; name="winmail.dat"',
        'Content-Disposition: attachment; filename="winmail.dat"',
        'Content-Transfer-Encoding: base64',
        '',
        tnef.toString('base64'),
        '--m--',
        '',
      ].join('\r\n'),
    );
    const l = await parseLetter(raw, opts);
    expect(l.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ['现场照片.jpg', 'image/jpeg', jpeg.length],
      ['情况说明.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx.length],
    ]);
    expect(l.attachments[0].content).toEqual(jpeg);
    expect(l.attachments[1].sha256).toBe(createHash('sha256').update(docx).digest('hex'));
    const unreadable = await parseLetter(
      Buffer.from(raw.toString('latin1').replace(tnef.toString('base64'), Buffer.from('not tnef').toString('base64')), 'latin1'),
      opts,
    );
    expect(unreadable.attachments.map((a) => a.filename)).toEqual(['winmail.dat']);
  });

  it('names an unnamed part with an extension that opens: a calendar invitation as .ics, a Word file as .docx', async () => {
    const raw = Buffer.from(
      [
        'From: a@b.cn',
        'Subject: x',
        'Content-Type: multipart/mixed; boundary=m',
        '',
        '--m',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '想预约市长接待日。',
        '--m',
        'Content-Type: text/calendar; charset=utf-8; method=REQUEST',
        '',
        'BEGIN:VCALENDAR',
        'END:VCALENDAR',
        '--m',
        'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'Content-Transfer-Encoding: base64',
        '',
        'UEsDBA==',
        '--m--',
        '',
      ].join('\r\n'),
    );
    expect((await parseLetter(raw, opts)).attachments.map((a) => a.filename)).toEqual(['附件1.ics', '附件2.docx']);
  });

  it('keeps only the metadata of an attachment over the size limit', async () => {
    const l = await parse('with-attachments.eml', { ...opts, maxAttachmentBytes: 1000 });
    const jpg = l.attachments.find((a) => a.filename === '现场照片.jpg')!;
    expect(jpg).toMatchObject({ tooLarge: true, content: null, size: 2022 });
    expect(jpg.sha256).toHaveLength(64);
    expect(l.attachments.find((a) => a.filename === '情况说明.pdf')?.content).not.toBeNull();
  });

  it('finds the thread of a reply: In-Reply-To, References and the ticket number in the subject', async () => {
    const l = await parse('reply-to-answer.eml');
    expect(l.inReplyTo).toBe('<answer-QH20250302-000123@hub.example>');
    expect(l.references).toEqual(['<20250302091500.1234@example.cn>', '<answer-QH20250302-000123@hub.example>']);
    expect(l.ticketNumber).toBe('QH20250302-000123');
    expect(l.ignore).toBeNull();
  });

  it('marks an auto-reply and a bounce as ignored with the reason', async () => {
    const auto = await parse('auto-reply.eml');
    expect(auto.ignore).toEqual({ kind: 'auto-reply', reason: expect.stringContaining('Auto-Submitted: auto-replied') });
    expect(auto.text).toContain('我正在休假');
    const bounce = await parse('bounce.eml');
    expect(bounce.ignore?.kind).toBe('bounce');
    expect(bounce.ignore?.reason).toContain('multipart/report');
  });

  it('refuses a multipart letter whose parts never come, saying it was truncated', async () => {
    await expect(parse('broken-truncated-mime.eml')).rejects.toMatchObject({ code: 'truncated_mime', reason: expect.stringContaining('截断') });
  });

  it('refuses empty input, binary data and text without headers', async () => {
    const reject = (raw: Buffer) => parseLetter(raw, opts).catch((e: unknown) => e);
    const empty = await reject(Buffer.alloc(0));
    expect(empty).toBeInstanceOf(LetterParseError);
    expect(empty).toMatchObject({ code: 'empty' });
    expect(await reject(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]))).toMatchObject({ code: 'binary' });
    expect(await reject(Buffer.from('你好，这只是一段文字，没有信头。\n第二行', 'utf8'))).toMatchObject({ code: 'no_headers' });
    expect(await reject(Buffer.from('X-Foo: bar\n\nbody'))).toMatchObject({ code: 'no_headers' });
    expect(await reject(Buffer.from('From: a@b.cn\nContent-Type: multipart/mixed\n\nbody'))).toMatchObject({ code: 'multipart_without_boundary' });
  });

  it('labels an undeclared GBK text part inside a multipart letter, and trusts a declared non-Chinese charset', async () => {
    const raw = Buffer.concat([
      Buffer.from(
        'From: a@b.cn\r\nSubject: x\r\nContent-Type: multipart/alternative; boundary=zz\r\n\r\n--zz\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n',
      ),
      Buffer.from(iconv.encode('停车难', 'gbk').reduce((s, b) => s + `=${b.toString(16).toUpperCase()}`, '')),
      Buffer.from('\r\n--zz\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n<p>caf\xe9</p>\r\n--zz--\r\n', 'latin1'),
    ]);
    const l = await parseLetter(raw, opts);
    expect(l.text).toBe('停车难');
    expect(l.html).toContain('café');
    expect(l.repairs.join()).toContain('gb18030');
  });

  it('keeps the last character of raw 8-bit headers whose UTF-8 ends in byte 0xA0 (映, 堂), in UTF-8 and in GBK', async () => {
    for (const enc of ['utf8', 'gbk']) {
      const raw = Buffer.concat([
        Buffer.from('From: '),
        iconv.encode('张映', enc),
        Buffer.from(' <zy@example.cn>\r\nTo: '),
        iconv.encode('市长信箱', enc),
        Buffer.from(' <mayor@hub.example>\r\nSubject: '),
        iconv.encode('Re: 关于 学堂路 积水的反映', enc),
        Buffer.from('\r\nMessage-ID: <a0@example.cn>\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
        iconv.encode('学堂路积水严重。', enc),
        Buffer.from('\r\n'),
      ]);
      const l = await parseLetter(raw, opts);
      expect(l.subject).toBe('Re: 关于 学堂路 积水的反映');
      expect(l.from).toEqual({ name: '张映', address: 'zy@example.cn' });
      expect(l.to).toEqual([{ name: '市长信箱', address: 'mayor@hub.example' }]);
      expect(l.text).toBe('学堂路积水严重。');
    }
  });

  it('reads UTF-8 sent under a GB2312/GBK label (web forms) as UTF-8, body and subject, and real GBK still as GBK', async () => {
    const text = '市长您好：我家楼下的路灯坏了三个月，晚上出行很不方便。';
    const utf8 = Buffer.from(text, 'utf8');
    const bodies: Array<[string, Buffer]> = [
      ['8bit', utf8],
      ['base64', Buffer.from(utf8.toString('base64'))],
      ['quoted-printable', Buffer.from([...utf8].map((b) => `=${b.toString(16).toUpperCase()}`).join('=\r\n'))],
    ];
    for (const [cte, body] of bodies) {
      const raw = Buffer.concat([
        Buffer.from(
          `From: a@b.cn\r\nSubject: =?gb2312?B?${Buffer.from('路灯坏了').toString('base64')}?=\r\nContent-Type: text/plain; charset=gb2312\r\nContent-Transfer-Encoding: ${cte}\r\n\r\n`,
        ),
        body,
        Buffer.from('\r\n'),
      ]);
      const l = await parseLetter(raw, opts);
      expect([cte, l.subject, l.text]).toEqual([cte, '路灯坏了', text]);
    }
    const gbk = Buffer.concat([
      Buffer.from(`From: a@b.cn\r\nSubject: =?gbk?B?${iconv.encode('路灯坏了', 'gbk').toString('base64')}?=\r\nContent-Type: text/plain; charset=gbk\r\n\r\n`),
      iconv.encode(text, 'gbk'),
      Buffer.from('\r\n'),
    ]);
    const l = await parseLetter(gbk, opts);
    expect([l.subject, l.text]).toEqual(['路灯坏了', text]);
  });

  it('puts the text of a letter forwarded as a whole (message/rfc822) into the letter, keeping the .eml attached', async () => {
    const inner =
      `From: =?UTF-8?B?${Buffer.from('王五').toString('base64')}?= <ww@example.cn>\r\nSubject: =?UTF-8?B?${Buffer.from('小区噪音扰民').toString('base64')}?=\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n楼下商铺每晚音响很大，影响休息。\r\n';
    const wrapped = Buffer.from(
      'From: form@gov.example\r\nTo: mayor@hub.example\r\nSubject: Fwd: 市长信箱来信\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n' +
        '--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n转发市民来信。\r\n--b1\r\nContent-Type: message/rfc822\r\n\r\n' +
        inner +
        '\r\n--b1--\r\n',
    );
    const l = await parseLetter(wrapped, opts);
    expect(l.text).toBe('转发市民来信。\n\n—— 转来的原信 ——\n发件人：王五 <ww@example.cn>\n主题：小区噪音扰民\n\n楼下商铺每晚音响很大，影响休息。');
    expect(l.attachments.map((a) => [a.filename, a.contentType])).toEqual([['附件1.eml', 'message/rfc822']]);
    expect(l.from?.address).toBe('form@gov.example');
    const bare = await parseLetter(Buffer.from('From: form@gov.example\r\nSubject: Fwd\r\nContent-Type: message/rfc822\r\n\r\n' + inner), opts);
    expect(bare.text).toContain('楼下商铺每晚音响很大');
  });

  it('reads HZ-GB-2312 and ISO-2022-CN letters, subject and text, also inside a multipart letter', async () => {
    const seven = (s: string, open: string, close: string) => open + [...iconv.encode(s, 'gb2312')].map((b) => String.fromCharCode(b & 0x7f)).join('') + close;
    const hz = (s: string) => seven(s, '~{', '~}');
    const iso = (s: string) => seven(s, '\x1b$)A\x0e', '\x0f');
    const word = (charset: string, s: string) => `=?${charset}?B?${Buffer.from(s, 'latin1').toString('base64')}?=`;
    const hzLetter = await parseLetter(
      Buffer.from(
        `From: a@b.cn\r\nSubject: ${word('HZ-GB-2312', hz('反映噪音'))}\r\nContent-Type: text/plain; charset=HZ-GB-2312\r\n\r\n` +
          `${hz('楼下工地')}22:00~~6:00${hz('施工')}\r\n${hz('请处理')}\r\n`,
        'latin1',
      ),
      opts,
    );
    expect([hzLetter.subject, hzLetter.text]).toEqual(['反映噪音', '楼下工地22:00~6:00施工\n请处理']);
    const isoLetter = await parseLetter(
      Buffer.from(
        [
          `From: a@b.cn`,
          `Subject: ${word('ISO-2022-CN', iso('反映噪音'))}`,
          'Content-Type: multipart/alternative; boundary=zz',
          '',
          '--zz',
          'Content-Type: text/plain; charset=ISO-2022-CN',
          'Content-Transfer-Encoding: 7bit',
          '',
          `${iso('楼下工地')} 22:00 ${iso('施工')}`,
          `${iso('请处理')}`,
          '--zz--',
          '',
        ].join('\r\n'),
        'latin1',
      ),
      opts,
    );
    expect([isoLetter.subject, isoLetter.text]).toEqual(['反映噪音', '楼下工地 22:00 施工\n请处理']);
  });

  it('reads the text of a signed letter without its signature: S/MIME, PGP/MIME and PGP clear-signed', async () => {
    const signed = (protocol: string, body: string, sig: string) =>
      Buffer.from(
        [
          'From: a@b.cn',
          'Subject: x',
          `Content-Type: multipart/signed; protocol="${protocol}"; micalg=sha-256; boundary=s`,
          '',
          'This is a signed message',
          '',
          '--s',
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from(body).toString('base64'),
          '--s',
          `Content-Type: ${protocol}; name=sig`,
          'Content-Disposition: attachment; filename=sig',
          '',
          sig,
          '--s--',
          '',
        ].join('\r\n'),
      );
    const smime = await parseLetter(signed('application/pkcs7-signature', '拆迁补偿款至今未到位。', 'MIAGCSqGSIb3DQEHAqCAMIACAQEx'), opts);
    const pgp = await parseLetter(
      signed('application/pgp-signature', '垃圾三天没人清运。', '-----BEGIN PGP SIGNATURE-----\r\niQEz\r\n-----END PGP SIGNATURE-----'),
      opts,
    );
    expect([smime.text, smime.attachments]).toEqual(['拆迁补偿款至今未到位。', []]);
    expect([pgp.text, pgp.attachments]).toEqual(['垃圾三天没人清运。', []]);
    const clear = [
      '-----BEGIN PGP SIGNED MESSAGE-----',
      'Hash: SHA256',
      '',
      '建议在东湖公园增设公共厕所。',
      '- -- 市民 王五',
      '-----BEGIN PGP SIGNATURE-----',
      '',
      'iQEzBAEBCAAdFiEE',
      '=abcd',
      '-----END PGP SIGNATURE-----',
      '',
    ].join('\r\n');
    const l = await parseLetter(
      Buffer.from(
        `From: a@b.cn\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(clear).toString('base64')}\r\n`,
      ),
      opts,
    );
    expect(l.text).toBe('建议在东湖公园增设公共厕所。\n-- 市民 王五');
  });

  it('reads a GBK body whose charset label no decoder knows (x-euc-cn) as Chinese', async () => {
    const raw = Buffer.concat([
      Buffer.from(
        'From: a@b.cn\r\nSubject: =?gbk?B?' + iconv.encode('路灯', 'gbk').toString('base64') + '?=\r\nContent-Type: text/plain; charset=x-euc-cn\r\n\r\n',
      ),
      iconv.encode('路灯坏了三个月。', 'gbk'),
      Buffer.from('\r\n'),
    ]);
    const l = await parseLetter(raw, opts);
    expect(l.text).toBe('路灯坏了三个月。');
    expect(l.repairs.join()).toContain('x-euc-cn (unknown)');
  });
});

describe('headerMessageId', () => {
  const raw = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');

  it('reads the Message-ID of a message too broken to parse, unfolded, in any letter case', () => {
    expect(headerMessageId(fixture('broken-truncated-mime.eml'))).toBe('<broken-0001@example.cn>');
    expect(headerMessageId(raw('From: a@example.cn', 'MESSAGE-ID:', '\t<folded-1@example.cn>', 'Subject: x', '', 'body'))).toBe('<folded-1@example.cn>');
  });

  it('looks in the header only, and finds nothing where there is none', () => {
    expect(headerMessageId(raw('From: a@example.cn', 'Subject: x', '', 'Message-ID: <in-body@example.cn>'))).toBeNull();
    expect(headerMessageId(Buffer.from('From: a@example.cn\n\nMessage-ID: <lf@example.cn>\n'))).toBeNull();
    expect(headerMessageId(raw('From: a@example.cn', 'Message-ID:   ', '', 'x'))).toBeNull();
  });
});
