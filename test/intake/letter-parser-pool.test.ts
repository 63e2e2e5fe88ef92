import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { LetterParseError, LetterParserPool, parseLetter, type ParsedLetter } from '@hub/intake';

// The threads run the TypeScript entry through the loader the child-process tests use.
const REGISTER = join(__dirname, '../support/swc-register.js');
const ENTRY = join(__dirname, '../../libs/intake/src/mail/parse-letter.worker.ts');
const FIXTURES = join(__dirname, '../fixtures/mail');
const OPTS = { maxAttachmentBytes: 50_000, ticketPrefix: 'QH', ownAddresses: ['mayor@hub.example'] };

async function outcome(p: Promise<ParsedLetter>): Promise<unknown> {
  try {
    const l = await p;
    return { ...l, headers: [...l.headers], attachments: l.attachments.map((a) => ({ ...a, content: a.content ? Buffer.from(a.content).toString('base64') : null, isBuffer: a.content ? Buffer.isBuffer(a.content) : null })) };
  } catch (e) {
    return e instanceof LetterParseError ? { code: e.code, reason: e.reason } : { error: (e as Error).message };
  }
}

describe('letters parsed on worker threads', () => {
  let pool: LetterParserPool;
  beforeEach(() => {
    pool = new LetterParserPool({ size: 2, entry: ENTRY, execArgv: ['-r', REGISTER] });
  });
  afterEach(() => pool.close());

  it('give exactly what parsing on the main thread gives, for every kind of letter, all at once', async () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    const raws = files.map((f) => readFileSync(join(FIXTURES, f)));
    const threaded = await Promise.all(raws.map((r) => outcome(pool.parse(r, OPTS))));
    const inline = await Promise.all(raws.map((r) => outcome(parseLetter(r, OPTS))));
    expect(threaded).toEqual(inline);
    // The fixtures include a broken message (a LetterParseError with its reason) and attachments (Buffers again).
    expect(threaded).toContainEqual(expect.objectContaining({ code: 'truncated_mime' }));
    expect(JSON.stringify(threaded)).toContain('"isBuffer":true');
  });

  it('parse the letters a thread held on the main thread when the thread dies', async () => {
    const raws = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml')).map((f) => readFileSync(join(FIXTURES, f)));
    const inline = await Promise.all(raws.map((r) => outcome(parseLetter(r, OPTS))));
    const pending = raws.map((r) => outcome(pool.parse(r, OPTS)));
    await pool.close(); // every thread terminated with letters in hand
    expect(await Promise.all(pending)).toEqual(inline);
  });
});
