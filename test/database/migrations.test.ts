import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseDatabaseUrl } from '@hub/config';
import { openDatabase, pendingSchemaChanges, TicketEntity } from '@hub/database';
import { createMysqlDatabase } from '@hub/testing';
import { SQLITE_MIGRATIONS } from '../../libs/database/src/migrations/sqlite';

async function roundTrip(url: string) {
  const ds = await openDatabase(parseDatabaseUrl(url, []), { migrate: true });
  try {
    expect(await pendingSchemaChanges(ds)).toEqual([]);
    // Chinese text and millisecond UTC times survive the round trip.
    const repo = ds.getRepository(TicketEntity);
    const at = new Date('2026-02-16T15:59:59.123Z');
    const saved = await repo.save(
      repo.create({
        sourceId: 1,
        channel: 'mailbox',
        status: 'received',
        text: '反映东湖区湖滨新村噪声扰民😀',
        receivedAt: at,
        urgency: 'normal',
        confidential: false,
        imported: false,
        repeatCount: 0,
        returnCount: 0,
        extensionCount: 0,
        reopenCount: 0,
      }),
    );
    const loaded = await repo.findOneByOrFail({ id: saved.id });
    expect(loaded.text).toBe('反映东湖区湖滨新村噪声扰民😀');
    expect(loaded.receivedAt.toISOString()).toBe('2026-02-16T15:59:59.123Z');
    // Running the migrations again changes nothing.
    expect(await ds.runMigrations()).toEqual([]);
  } finally {
    await ds.destroy();
  }
}

describe('database migrations', () => {
  it('build the whole schema on an empty SQLite file with nothing left pending', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-sqlite-'));
    await roundTrip(`sqlite:${join(dir, 'hub.sqlite')}`);
  });

  it('build the whole schema on an empty MariaDB database with nothing left pending', async () => {
    const db = await createMysqlDatabase('hubmig');
    try {
      await roundTrip(db.url);
    } finally {
      await db.drop();
    }
  });

  it("keep the tickets' 查询码 hashes on SQLite through the later rebuilds of the tickets table", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-sqlite-'));
    const ds = await openDatabase(parseDatabaseUrl(`sqlite:${join(dir, 'hub.sqlite')}`, []));
    const q = ds.createQueryRunner();
    try {
      for (const M of SQLITE_MIGRATIONS) {
        const m = new (M as new () => { name: string; up(q: unknown): Promise<void> })();
        await m.up(q);
        if (m.name.startsWith('CitizenAccess'))
          await q.query(
            `INSERT INTO "tickets" ("sourceId", "channel", "status", "text", "receivedAt", "lookupCodeHash") VALUES (1, 'web', 'received', '路灯不亮', '2026-12-01 01:00:00.000', 'hash-of-the-code')`,
          );
      }
      expect(await q.query(`SELECT "lookupCodeHash" FROM "tickets"`)).toEqual([{ lookupCodeHash: 'hash-of-the-code' }]);
    } finally {
      await q.release();
      await ds.destroy();
    }
  });

  it('give the column back to a SQLite database migrated when the rebuild dropped it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-sqlite-'));
    const url = `sqlite:${join(dir, 'hub.sqlite')}`;
    const ds = await openDatabase(parseDatabaseUrl(url, []), { migrate: true });
    await ds.query(`ALTER TABLE "tickets" DROP COLUMN "lookupCodeHash"`);
    await ds.query(`DELETE FROM "migrations" WHERE "name" LIKE 'RestoreLookupCodeHash%'`);
    await ds.destroy();
    const again = await openDatabase(parseDatabaseUrl(url, []), { migrate: true });
    try {
      expect(await pendingSchemaChanges(again)).toEqual([]);
    } finally {
      await again.destroy();
    }
  });
});
