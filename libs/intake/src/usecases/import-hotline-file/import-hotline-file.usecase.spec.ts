import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as iconv from 'iconv-lite';
import { intakeUseCases } from '../../intake-use-cases';
import { inMemoryIntake } from '../../testing/in-memory-intake';
import { specConfig } from '../../testing/spec-config';

const HEADER = '工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度';

describe('import a hotline export', () => {
  it('archives the file, makes a ticket per good row under its line, reports bad rows, and queues the tickets for classification', async () => {
    const hub = inMemoryIntake();
    const config = specConfig();
    const file = join(mkdtempSync(join(tmpdir(), 'hub-export-')), '3月2日.csv');
    writeFileSync(
      file,
      iconv.encode(
        [
          HEADER,
          'GD1,2025-03-02 09:15,13800000071,王先生,市长公开电话,幸福路路灯不亮,东湖区幸福路,一般',
          'GD2,2025-03-02 09:20,13800000072,李女士,区长公开电话,,西湖区,紧急',
          'GD3,2025-03-02 09:25,13800000073,赵先生,,小区噪音扰民,南湖区,紧急',
          'GD1,2025-03-02 09:15,13800000071,王先生,市长公开电话,幸福路路灯不亮,东湖区幸福路,一般',
        ].join('\r\n') + '\r\n',
        'gbk',
      ),
    );
    const progress: number[] = [];
    const summary = await intakeUseCases(hub.uow, config).importHotlineFile.execute({ file, source: 'standard', onProgress: (p) => progress.push(p.imported) });
    expect(summary).toMatchObject({ rows: 4, imported: 2, duplicates: 1, rejected: 1, importFileId: 1 });
    expect(readFileSync(summary.rejects as string, 'utf8')).toContain('3,缺少必填项：诉求内容,');
    expect(progress.at(-1)).toBe(2);
    expect(hub.tickets.tickets.all().map((t) => [t.externalId, t.channel, t.urgency, t.text])).toEqual([
      ['GD1', 'hotline', 'normal', '幸福路路灯不亮'],
      ['GD3', 'hotline', 'urgent', '小区噪音扰民'],
    ]);
    expect(hub.tickets.tickets.all().map((t) => t.sourceId)).toEqual([2, 5]); // a row without a line counts under the source's name
    expect(hub.imports.table.get(1)).toMatchObject({
      kind: 'hotline',
      sourceName: 'standard',
      fileName: '3月2日.csv',
      status: 'done',
      imported: 2,
      duplicates: 1,
      rejected: 1,
      progressAt: expect.any(Date), // a batch written: what /health's stalled-imports check reads
    });
    expect(hub.uow.jobs.jobs).toEqual([
      { name: 'ticket-search-index', payload: { ticketIds: [1, 2] }, delayMs: undefined },
      { name: 'ticket-classify', payload: { ticketIds: [1, 2], bulk: true }, delayMs: undefined },
    ]);
  });

  it("queues a big file's tickets for classification a few dozen a job, so every worker routes them side by side", async () => {
    const hub = inMemoryIntake();
    const file = join(mkdtempSync(join(tmpdir(), 'hub-export-')), 'big.csv');
    const rows = Array.from(
      { length: 60 },
      (_, i) => `GD${i},2025-03-02 09:15,138000001${String(i).padStart(2, '0')},王先生,市长公开电话,幸福路路灯不亮,东湖区幸福路,一般`,
    );
    writeFileSync(file, [HEADER, ...rows].join('\r\n') + '\r\n');
    await intakeUseCases(hub.uow, specConfig()).importHotlineFile.execute({ file, source: 'standard' });
    const classify = hub.uow.jobs.jobs.filter((j) => j.name === 'ticket-classify').map((j) => (j.payload as { ticketIds: number[] }).ticketIds);
    expect(classify.map((ids) => ids.length)).toEqual([25, 25, 10]);
    expect(classify.flat()).toEqual(hub.tickets.tickets.all().map((t) => t.id));
  });

  it('names the sources there are when asked for another, and records nothing', async () => {
    const hub = inMemoryIntake();
    await expect(intakeUseCases(hub.uow, specConfig()).importHotlineFile.execute({ file: '/nonexistent.csv', source: 'other' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/^unknown export source other; sources.yaml lists: standard/),
    });
    expect(hub.imports.table.all()).toEqual([]);
  });
});
