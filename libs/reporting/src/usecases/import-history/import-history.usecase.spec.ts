import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { HubConfig } from '@hub/config';
import { DAILY_STATS, HISTORY_IMPORT, InMemoryDailyStatsRepository, InMemoryHistoryImportRepository, InMemoryUnitOfWork } from '@hub/database';
import { ImportHistoryUseCase } from './import-history.usecase';

const line = (o: Record<string, unknown>) =>
  JSON.stringify({
    source: '区长公开电话',
    channel: 'hotline',
    text: '反映占道经营',
    category: '城市管理/占道经营',
    region: '东湖区',
    disposition: 'dispatched',
    unit: '东湖区城市管理局',
    receivedAt: '2025-03-02T09:15:00+08:00',
    ...o,
  });

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'hub-history-spec-'));
  const config = { env: { dataDir: dir }, units: { units: [{ name: '东湖区城市管理局' }] } } as unknown as HubConfig;
  const repo = new InMemoryHistoryImportRepository();
  const stats = Object.assign(new InMemoryDailyStatsRepository(), { first: new Date('2025-03-02T01:15:00Z'), last: new Date('2025-03-02T01:15:00Z') });
  const uow = new InMemoryUnitOfWork().provide(HISTORY_IMPORT, repo).provide(DAILY_STATS, stats);
  const file = join(dir, 'history.jsonl');
  return { dir, repo, stats, file, importHistory: new ImportHistoryUseCase(uow, config) };
}

describe('import history', () => {
  it('imports past tickets with their timeline, assignment, deadlines and training example, then rebuilds the figures', async () => {
    const { repo, stats, file, importHistory } = setUp();
    writeFileSync(
      file,
      [
        line({
          id: 'A1',
          repliedAt: '2025-03-06T16:00:00+08:00',
          replyDueAt: '2025-03-09T18:00:00+08:00',
          closedAt: '2025-03-07T10:00:00+08:00',
          outcome: 'resolved',
          rating: '满意',
        }),
        line({ id: 'A2', disposition: 'direct_answer', unit: null }),
      ].join('\n'),
    );
    const s = await importHistory.execute({ file });
    expect(s).toEqual({ lines: 2, imported: 2, duplicates: 0, rejected: 0, rejects: null, createdSources: ['区长公开电话'], createdUnits: [] });
    expect(repo.events.all().map((e) => [e.ticketId, e.type, e.actorName])).toEqual([
      [1, 'imported', '历史数据导入'],
      [2, 'imported', '历史数据导入'],
    ]);
    expect(repo.assignments.all()).toEqual([expect.objectContaining({ ticketId: 1, unitId: 1, role: 'lead', status: 'closed' })]);
    expect(repo.deadlines.all()).toEqual([expect.objectContaining({ ticketId: 1, stage: 'reply', status: 'met', assignmentId: 1, nextReminderAt: null })]);
    expect(repo.examples.all().map((e) => [e.ticketId, e.disposition, e.department])).toEqual([
      [1, 'dispatch', '东湖区城市管理局'],
      [2, 'direct_answer', null],
    ]);
    expect(repo.imports.get(1)).toMatchObject({ status: 'done', result: { rows: 2, imported: 2 } });
    expect(stats.rebuilds).toEqual([{ from: '2025-03-02', to: '2025-03-02', all: true }]);
  });

  it('leaves a ticket already imported alone, so importing a file twice changes nothing', async () => {
    const { repo, file, importHistory } = setUp();
    writeFileSync(file, `${line({ id: 'A1' })}\n${line({ id: 'A1' })}\n`);
    expect(await importHistory.execute({ file })).toMatchObject({ imported: 1, duplicates: 1 });
    expect(await importHistory.execute({ file })).toMatchObject({ imported: 0, duplicates: 2 });
    expect(repo.tickets.all()).toHaveLength(1);
  });

  it('rejects a bad line and a unit the hub does not know, with line numbers and reasons, unless told to create the unit', async () => {
    const { repo, file, importHistory } = setUp();
    writeFileSync(file, ['{"id":', line({ id: 'B1', unit: '已撤销的局' }), line({ id: 'B2' })].join('\n'));
    const s = await importHistory.execute({ file });
    expect(s).toMatchObject({ lines: 3, imported: 1, rejected: 2 });
    const report = readFileSync(s.rejects as string, 'utf8');
    expect(report).toContain('未知承办单位 已撤销的局');
    expect(await importHistory.execute({ file, createUnits: true })).toMatchObject({ imported: 1, createdUnits: ['已撤销的局'] });
    expect(repo.unitRows.all().find((u) => u.name === '已撤销的局')).toMatchObject({ active: false });
  });

  it('names a wrong batch size before reading anything', async () => {
    const { file, importHistory } = setUp();
    await expect(importHistory.execute({ file, batchSize: 0 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('batchSize') });
  });
});
