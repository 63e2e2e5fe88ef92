import { spawn } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ImapFlow } from 'imapflow';
import { DataSource } from 'typeorm';
import { loadConfig, parseDatabaseUrl } from '@hub/config';
import { openDatabase, syncDirectory } from '@hub/database';
import { createMysqlDatabase, startDovecot, type DovecotServer } from '@hub/testing';

const LETTERS = 120;
const REGISTER = join(__dirname, '../support/swc-register.js');
const CHILD = join(__dirname, 'child/poll-mailbox.ts');

function letter(i: number): string {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return [
    `From: =?utf-8?B?${b64(`市民${i}`)}?= <citizen${i}@example.cn>`,
    'To: mayor@hub.example',
    `Subject: =?utf-8?B?${b64(`第${i}封来信`)}?=`,
    'Date: Tue, 18 Mar 2025 09:00:00 +0800',
    `Message-ID: <kill-${i}@example.cn>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(`第${i}封来信的内容`),
    '',
  ].join('\r\n');
}

interface ChildRun {
  /** Resolves with the exit code, or the signal that ended the process. */
  exit: Promise<number | string>;
  output: () => string;
  kill: () => void;
  /** Resolves once the child has reported this many commits. */
  commits: (n: number) => Promise<void>;
}

function pollInChild(env: Record<string, string>): ChildRun {
  const child = spawn(process.execPath, ['-r', REGISTER, CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let waiters: Array<{ n: number; resolve: () => void }> = [];
  const count = () => (out.match(/^committed /gm) ?? []).length;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    waiters = waiters.filter((w) => (count() >= w.n ? (w.resolve(), false) : true));
  });
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    exit,
    output: () => out,
    kill: () => child.kill('SIGKILL'),
    commits: (n) =>
      new Promise<void>((resolve, reject) => {
        if (count() >= n) return resolve();
        waiters.push({ n, resolve });
        void exit.then(() => reject(new Error(`the poll ended before ${n} commits:\n${out}`)));
      }),
  };
}

describe('a mailbox poll killed with SIGKILL in a separate process', () => {
  let dovecot: DovecotServer;
  let ds: DataSource;
  let drop: () => Promise<void>;
  let env: Record<string, string>;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ user: 'killed', password: 'killed-secret' }] });
    const db = await createMysqlDatabase('hubkill');
    drop = db.drop;
    ds = await openDatabase(parseDatabaseUrl(db.url, []), { migrate: true });
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-kill-data-'));
    await syncDirectory(ds, loadConfig({ ...process.env, HUB_DATA_DIR: dataDir }));
    env = {
      HUB_CHILD_POLL: JSON.stringify({
        databaseUrl: db.url,
        dataDir,
        chunkSize: 5,
        mailbox: {
          name: '市长信箱',
          host: dovecot.host,
          port: dovecot.port,
          secure: false,
          user: 'killed',
          password: 'killed-secret',
          folder: 'INBOX',
          after: 'seen',
        },
      }),
    };
  });
  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
    await dovecot?.stop();
  });

  it('restarts and turns every letter into exactly one ticket, all marked \\Seen', async () => {
    for (let i = 1; i <= LETTERS; i++) await dovecot.append('killed', 'INBOX', letter(i));

    // Killed three times at different depths: right after a commit (before \Seen), and a little
    // later (mid-fetch, mid-parse or mid-transaction, wherever the process happens to be).
    let committed = 0;
    for (const [after, delayMs] of [
      [2, 0],
      [3, 15],
      [4, 40],
    ] as const) {
      const run = pollInChild(env);
      await run.commits(after);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      run.kill();
      expect(await run.exit).toBe('SIGKILL');
      committed += after;
    }
    const [{ n: before }] = await ds.query('SELECT COUNT(*) AS n FROM tickets');
    expect(Number(before)).toBeGreaterThanOrEqual(committed * 5);
    expect(Number(before)).toBeLessThan(LETTERS);

    const last = pollInChild(env);
    expect(await last.exit).toBe(0);
    expect(last.output()).toMatch(/^done /m);

    const rows: Array<{ messageId: string; tickets: number }> = await ds.query(
      `SELECT i.messageId, COUNT(t.id) AS tickets FROM intake_items i LEFT JOIN tickets t ON t.id = i.ticketId
       GROUP BY i.messageId ORDER BY i.messageId`,
    );
    expect(rows).toHaveLength(LETTERS);
    expect(rows.every((r) => Number(r.tickets) === 1)).toBe(true);
    const [{ n, distinct: d }] = await ds.query('SELECT COUNT(*) AS n, COUNT(DISTINCT messageId) AS `distinct` FROM tickets');
    expect([Number(n), Number(d)]).toEqual([LETTERS, LETTERS]);
    const subjects: Array<{ subject: string }> = await ds.query('SELECT subject FROM tickets');
    expect(new Set(subjects.map((s) => s.subject))).toEqual(new Set(Array.from({ length: LETTERS }, (_, i) => `第${i + 1}封来信`)));

    const client = new ImapFlow(dovecot.imapOptions('killed'));
    await client.connect();
    try {
      await client.mailboxOpen('INBOX');
      const flags: boolean[] = [];
      for await (const m of client.fetch('1:*', { flags: true })) flags.push(Boolean(m.flags?.has('\\Seen')));
      expect(flags).toHaveLength(LETTERS);
      expect(flags.every(Boolean)).toBe(true);
    } finally {
      await client.logout();
    }
  });
});
