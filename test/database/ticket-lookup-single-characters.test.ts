/**
 * #16 outside check: a query whose Chinese character stands alone in it (next to digits or
 * letters: 25天, 7楼, 2025年, U盘) must find the tickets whose text has it, however the character
 * is followed there. A ticket's words keep a single character where it stands alone and where it
 * begins or ends a run of Han characters (searchDocument), so `25天` finds 已持续25天了 as well as
 * 已持续25天。 (before, only the latter). A character alone as the whole query is found where it
 * stands alone or at a run's edge, not inside a run (气 in 燃气泄漏): a word is two characters.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '@hub/config';
import { insertRows, openDatabase, TypeOrmTicketSearchRepository } from '@hub/database';
import { queryWords } from '@hub/domain';
import { createMysqlDatabase } from '@hub/testing';

const TEXTS = ['已持续25天了，楼上漏水', '7楼卫生间漏水', '2025年起一直欠薪', 'U盘丢失在地铁上', '燃气泄漏', '已持续25天。'];

describe.each([['MariaDB'], ['SQLite']])('a lone character of a query on %s', (dialect) => {
  let ds: DataSource;
  let drop: () => Promise<void> = async () => {};
  let search: TypeOrmTicketSearchRepository;
  const find = async (q: string) => (await search.text(queryWords(q), null, 20)).hits.map((h) => TEXTS[h.ticketId - 1]);

  beforeAll(async () => {
    if (dialect === 'MariaDB') {
      const db = await createMysqlDatabase('rlookupchars');
      drop = db.drop;
      ds = await openDatabase(parseDatabaseUrl(db.url, []), { migrate: true });
    } else {
      ds = await openDatabase(parseDatabaseUrl(`sqlite:${join(mkdtempSync(join(tmpdir(), 'rlookup-chars-')), 'hub.sqlite')}`, []), { migrate: true });
    }
    const ids = TEXTS.map((_, i) => i + 1);
    const receivedAt = new Date('2026-03-01T02:00:00Z');
    await insertRows(
      ds.manager,
      'tickets',
      ids.map((id) => ({ id, sourceId: 1, channel: 'hotline', status: 'closed', text: TEXTS[id - 1], receivedAt })),
    );
    search = new TypeOrmTicketSearchRepository(ds.manager);
    await search.reindex(ids);
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await drop();
  });

  it('finds the ticket where the character stands alone (as today)', async () => {
    expect(await find('25天')).toContain('已持续25天。');
  });

  it('finds a ticket whose text has the query, however the character is followed', async () => {
    expect(await find('25天')).toEqual(['已持续25天。', '已持续25天了，楼上漏水']);
    expect(await find('7楼')).toEqual(['7楼卫生间漏水']);
    expect(await find('2025年')).toEqual(['2025年起一直欠薪']);
    expect(await find('U盘')).toEqual(['U盘丢失在地铁上']);
  });
});
