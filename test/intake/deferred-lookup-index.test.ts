/**
 * A bulk import (hotline export file, history) does not write the lookup index in its transaction:
 * the import answers with its tickets made, and a 'ticket-search-index' job queued after the commit
 * writes their lookup rows. If Redis loses that job, the search sweep finds the tickets without a
 * row and indexes them. On MariaDB and SQLite.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as iconv from 'iconv-lite';
import type { DataSource } from 'typeorm';
import { type HubConfig, loadConfig, parseDatabaseUrl } from '@hub/config';
import { openDatabase, syncDirectory, TypeOrmTicketSearchRepository, TypeOrmUnitOfWork } from '@hub/database';
import { queryWords } from '@hub/domain';
import { type JobPayloads, RecordingJobProducer } from '@hub/queue';
import { importHistoryFile } from '@hub/reporting';
import { IndexTicketsUseCase, IndexUnindexedTicketsUseCase } from '@hub/tickets';
import { createMysqlDatabase, importHotlineFile } from '@hub/testing';

const HEADER = '工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度';

/** A GBK export: `count` rows from `first`, each with its own phone, about `what`. */
function exportFile(dir: string, name: string, first: number, count: number, what: string): string {
  const lines = [HEADER];
  for (let i = first; i < first + count; i++)
    lines.push(`GD${i},2025-03-02 09:15,139${String(i).padStart(8, '0')},市民${i},市长公开电话,第${i}号反映：${what},东湖区人民路${i}号,一般`);
  const file = join(dir, name);
  writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'));
  return file;
}

describe.each([
  ['MariaDB', async () => createMysqlDatabase('hubdeferindex')],
  ['SQLite', async () => ({ url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-defer-index-')), 'hub.sqlite')}`, drop: async () => {} })],
])('the lookup rows of a bulk import, written after it on %s', (_name, database) => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let config: HubConfig;
  let dir: string;
  let jobs: RecordingJobProducer;
  let uow: TypeOrmUnitOfWork;
  let search: TypeOrmTicketSearchRepository;

  beforeAll(async () => {
    const db = await database();
    drop = db.drop;
    dir = mkdtempSync(join(tmpdir(), 'hub-defer-index-files-'));
    ds = await openDatabase(parseDatabaseUrl(db.url, []), { migrate: true });
    config = loadConfig({ ...process.env, HUB_DATA_DIR: join(dir, 'data') });
    await syncDirectory(ds, config);
    search = new TypeOrmTicketSearchRepository(ds.manager);
  });
  beforeEach(() => {
    jobs = new RecordingJobProducer();
    uow = new TypeOrmUnitOfWork(ds, jobs, () => undefined);
  });
  afterAll(async () => {
    await ds?.destroy();
    await drop();
  });

  const idsOf = async (externalIds: string[]) =>
    (
      (await ds.query(`SELECT id FROM tickets WHERE externalId IN (${externalIds.map(() => '?').join(',')}) ORDER BY id DESC`, externalIds)) as Array<{
        id: number;
      }>
    ).map((r) => Number(r.id));
  const byWords = async (q: string) => (await search.text(queryWords(q), null, 5000)).hits.map((h) => h.ticketId);
  const indexJobs = () => jobs.jobs.filter((j) => j.name === 'ticket-search-index').map((j) => j.payload as JobPayloads['ticket-search-index']);

  it('answers with the tickets made, then the queued job makes them findable by phone and by a word', async () => {
    const file = exportFile(dir, 'lamps.csv', 100001, 1200, '桃园小区路灯不亮');
    const summary = await importHotlineFile(ds, config, jobs, file, 'standard');
    expect(summary).toMatchObject({ imported: 1200, rejected: 0 });
    const [newest, oldest] = await idsOf(['GD101200', 'GD100001']);
    expect(newest).toBeGreaterThan(oldest);
    // The import answered: the tickets are there, not yet in the lookup.
    expect(await search.withPhone('13900101200', 10)).toEqual([]);
    expect(await byWords('路灯不亮')).toEqual([]);

    // Two transactions (1,000 drafts each): two jobs, each naming its tickets by their id range.
    expect(indexJobs().map((p) => p.ticketIds.length)).toEqual([1000, 200]);
    for (const payload of indexJobs()) await new IndexTicketsUseCase(uow).execute(payload);

    expect(await search.withPhone('13900101200', 10)).toEqual([newest]);
    expect(await search.withPhone('13900100001', 10)).toEqual([oldest]);
    const found = await byWords('路灯不亮');
    expect(found).toHaveLength(1200);
    expect(found[0]).toBe(newest);
  });

  it('indexes the tickets of a file whose job Redis lost in the next search sweep, newest first, a bounded number a pass', async () => {
    const file = exportFile(dir, 'covers.csv', 200001, 30, '杏花村井盖缺失');
    await importHotlineFile(ds, config, jobs, file, 'standard');
    expect(indexJobs()).toHaveLength(1); // … and lost
    expect(await byWords('井盖缺失')).toEqual([]);

    const sweep = new IndexUnindexedTicketsUseCase(uow);
    expect(await sweep.execute({ limit: 20 })).toEqual({ indexed: 20 });
    const all = await idsOf(Array.from({ length: 30 }, (_, i) => `GD${200001 + i}`));
    expect(await byWords('井盖缺失')).toEqual(all.slice(0, 20));
    expect(await sweep.execute({ limit: 20 })).toEqual({ indexed: 10 });
    expect(await byWords('井盖缺失')).toEqual(all);
    expect(await search.withPhone('13900200001', 10)).toEqual([all[29]]);
    expect(await sweep.execute()).toEqual({ indexed: 0 });
  });

  it('queues the lookup rows of a history import the same way', async () => {
    const file = join(dir, 'history.jsonl');
    const line = (id: string) =>
      JSON.stringify({
        id,
        source: '市长公开电话',
        channel: 'hotline',
        text: '反映西岭区占道经营',
        disposition: 'direct_answer',
        receivedAt: '2024-05-02T09:15:00+08:00',
      });
    writeFileSync(file, ['H-1', 'H-2', 'H-3'].map(line).join('\n') + '\n');
    expect(await importHistoryFile(uow, config, file)).toMatchObject({ imported: 3 });
    expect(await byWords('占道经营')).toEqual([]);
    expect(indexJobs()).toHaveLength(1);
    await new IndexTicketsUseCase(uow).execute(indexJobs()[0]);
    expect(await byWords('占道经营')).toEqual(await idsOf(['H-1', 'H-2', 'H-3']));
  });
});
