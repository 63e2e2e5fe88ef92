/**
 * On SQLite the API and the worker are two processes on one file. A transaction that read before
 * it wrote failed at once with "database is locked" when the other process had written meanwhile
 * (SQLite cannot move a read snapshot forward; the busy timeout does not apply): jobs failed and
 * were retried, and the first `npm start` saw the API exit. Write transactions now take the write
 * lock when they begin, so the other process waits its turn instead.
 */
import { spawn } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseDatabaseUrl } from '@hub/config';
import { openDatabase, SourceEntity, TicketEntity } from '@hub/database';
import { createTicket } from '@hub/testing';

const REGISTER = join(__dirname, '../support/swc-register.js');
const CHILD = join(__dirname, 'child/sqlite-writer.ts');

describe('SQLite shared by two processes', () => {
  it('keeps both tickets when the other process writes while a transaction that read first is open', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hub-sqlite-two-')), 'hub.sqlite');
    const ds = await openDatabase(parseDatabaseUrl(`sqlite:${file}`, []), { migrate: true });
    try {
      await ds.getRepository(SourceEntity).save({ id: 1, name: '网上信访', channel: 'web', active: true });
      const child = spawn(process.execPath, ['-r', REGISTER, CHILD, file], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      for (let i = 0; i < 600 && !out.includes('ready'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(out).toContain('ready');

      await ds.transaction(async (m) => {
        await m.getRepository(TicketEntity).count(); // read first
        child.stdin.write('go\n');
        await new Promise((r) => setTimeout(r, 500)); // the other process writes now, or waits for this one
        await createTicket(m, { sourceId: 1, channel: 'web', text: '本进程的诉求', receivedAt: new Date() });
      });

      expect(await exited).toBe(0);
      expect(err).not.toMatch(/locked|busy/i);
      expect((await ds.getRepository(TicketEntity).find({ order: { id: 'ASC' } })).map((t) => t.text).sort()).toEqual(
        ['另一进程的诉求', '本进程的诉求'].sort(),
      );
    } finally {
      await ds.destroy();
    }
  }, 60_000);
});
