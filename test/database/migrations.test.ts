import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseDatabaseUrl } from '@hub/config';
import { openDatabase, pendingSchemaChanges, TicketEntity } from '@hub/database';
import { createMysqlDatabase } from '@hub/testing';

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
});
