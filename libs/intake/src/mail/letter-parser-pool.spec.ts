import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LetterParseError } from './letter-parse-error';
import { LetterParserPool } from './letter-parser-pool';
import { parseLetter } from './parse-letter';

const OPTS = { maxAttachmentBytes: 1_000_000, ticketPrefix: 'QH', ownAddresses: ['mayor@hub.example'] };
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const WITH_PHOTO = Buffer.from(
  [
    'From: =?utf-8?B?' + b64('张三') + '?= <citizen@example.cn>',
    'To: mayor@hub.example',
    'Subject: =?utf-8?B?' + b64('关于QH20250302-000123幸福路噪音的反映') + '?=',
    'Date: Sat, 01 Mar 2025 08:00:00 +0800',
    'Message-ID: <pool-1@example.cn>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64('市长您好：幸福路1号附近夜间施工噪音扰民。'),
    '--b',
    'Content-Type: image/jpeg',
    'Content-Disposition: attachment; filename="photo.jpg"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(Buffer.from([0xff, 0xd8, 1, 2, 3, 4, 5])),
    '--b--',
    '',
  ].join('\r\n'),
);

describe('parsing letters on worker threads', () => {
  let dir: string;
  let pool: LetterParserPool;

  beforeAll(() => {
    // The pool runs compiled JavaScript only (dist, the CLI bundle): the worker is compiled here as the build does.
    dir = mkdtempSync(join(tmpdir(), 'hub-parse-worker-'));
    buildSync({ entryPoints: [join(__dirname, 'parse-worker.ts')], outfile: join(dir, 'parse-worker.js'), bundle: true, platform: 'node', logLevel: 'error' });
    pool = new LetterParserPool(1, join(dir, 'parse-worker.js'));
  });

  afterAll(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the letter parseLetter gives, attachments as Buffers', async () => {
    expect(await pool.start()).toBe(true);
    const here = await parseLetter(WITH_PHOTO, OPTS);
    const there = await pool.parse(WITH_PHOTO, OPTS);
    expect(pool.parsedOnThreads).toBe(1);
    // Compared field by field: what comes from a thread is built in Node's own realm, not jest's.
    expect({ ...there, headers: null, date: null }).toEqual({ ...here, headers: null, date: null });
    expect([...there.headers]).toEqual([...here.headers]);
    expect(there.date?.getTime()).toBe(here.date?.getTime());
    expect(Buffer.isBuffer(there.attachments[0].content)).toBe(true);
    expect(there.attachments[0].content?.equals(Buffer.from([0xff, 0xd8, 1, 2, 3, 4, 5]))).toBe(true);
    expect(there.ticketNumber).toBe('QH20250302-000123');
  });

  it('fails a letter that cannot be parsed with its code and reason, as parseLetter does', async () => {
    await pool.start();
    const empty = Buffer.alloc(0);
    const here = await parseLetter(empty, OPTS).catch((e: unknown) => e);
    const there = await pool.parse(empty, OPTS).catch((e: unknown) => e);
    expect(here).toBeInstanceOf(LetterParseError);
    expect(there).toBeInstanceOf(LetterParseError);
    expect(there).toMatchObject({ code: (here as LetterParseError).code, reason: (here as LetterParseError).reason });
  });

  it('parses in this thread where there is no compiled worker (TypeScript run as it is)', async () => {
    const inThread = new LetterParserPool(1, join(dir, 'missing.js'));
    expect(await inThread.start()).toBe(false);
    expect((await inThread.parse(WITH_PHOTO, OPTS)).subject).toContain('幸福路');
    expect(inThread.parsedOnThreads).toBe(0);
  });
});
