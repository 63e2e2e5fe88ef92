/**
 * Outside check of SQLite transactions begun IMMEDIATE: nested savepoints, rollback of a failing
 * transaction, read-only transactions, and the state left when BEGIN IMMEDIATE itself gives up
 * (another connection kept the write lock past the busy timeout).
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '@hub/config';
import { openDatabase, SourceEntity } from '@hub/database';

describe('SQLite transactions begun IMMEDIATE', () => {
  let ds: DataSource;
  let file: string;
  const names = async () => (await ds.getRepository(SourceEntity).find({ order: { name: 'ASC' } })).map((s) => s.name);

  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'hub-sqlite-immediate-')), 'hub.sqlite');
    ds = await openDatabase(parseDatabaseUrl(`sqlite:${file}`, []), { migrate: true });
    await ds.getRepository(SourceEntity).save({ name: '已有', channel: 'web', active: true });
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('keeps the outer work when a nested transaction fails, and drops all of a failing one', async () => {
    await ds.transaction(async (m) => {
      await m.getRepository(SourceEntity).save({ name: '外层', channel: 'web', active: true });
      await expect(
        m.transaction(async (inner) => {
          await inner.getRepository(SourceEntity).save({ name: '内层', channel: 'web', active: true });
          throw new Error('内层失败');
        }),
      ).rejects.toThrow('内层失败');
    });
    await expect(
      ds.transaction(async (m) => {
        await m.getRepository(SourceEntity).save({ name: '失败', channel: 'web', active: true });
        throw new Error('整体失败');
      }),
    ).rejects.toThrow('整体失败');
    expect(await names()).toEqual(['外层', '已有'].sort());
    // A transaction that only reads works too.
    expect(await ds.transaction((m) => m.getRepository(SourceEntity).count())).toBe(2);
  });

  it('after BEGIN IMMEDIATE gave up on a lock held elsewhere, a save is still one transaction', async () => {
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    await ds.query('PRAGMA busy_timeout = 50');
    try {
      await expect(ds.transaction((m) => m.getRepository(SourceEntity).count())).rejects.toThrow(/locked|busy/i);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await ds.query('PRAGMA busy_timeout = 10000');
    }
    expect(ds.createQueryRunner().isTransactionActive).toBe(false);
    // Two rows in one save, the second refused (the name is taken): neither is kept.
    await expect(
      ds.getRepository(SourceEntity).save([
        { name: '新来源', channel: 'web', active: true },
        { name: '已有', channel: 'web', active: true },
      ]),
    ).rejects.toThrow(/UNIQUE/);
    expect(await names()).not.toContain('新来源');
  });
});
