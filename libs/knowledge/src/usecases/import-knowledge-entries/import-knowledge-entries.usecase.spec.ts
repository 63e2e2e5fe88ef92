import { InMemoryKnowledgeRepository, InMemoryUnitOfWork, InMemoryUnitRepository, KNOWLEDGE, UnitEntity, UNITS } from '@hub/database';
import { fixedClock } from '@hub/domain';
import { readKnowledgeWorkbook, writeKnowledgeWorkbook } from '../../workbook/knowledge-workbook';
import { SaveKnowledgeEntryUseCase } from '../save-knowledge-entry';
import { ImportKnowledgeEntriesUseCase } from './import-knowledge-entries.usecase';

const ADMIN = { name: '管理员', role: 'admin', unitIds: [] };
const UNIT = { name: '医保局 承办人', role: 'unit', unitIds: [7] };

function world() {
  const repo = new InMemoryKnowledgeRepository();
  const units = new InMemoryUnitRepository();
  units.table.insert({ id: 7, name: '区医保局', active: true } as UnitEntity);
  units.table.insert({ id: 8, name: '区人社局', active: true } as UnitEntity);
  const uow = new InMemoryUnitOfWork([
    [KNOWLEDGE, repo],
    [UNITS, units],
  ]);
  const save = new SaveKnowledgeEntryUseCase(uow, fixedClock(new Date('2026-03-02T02:00:00Z')));
  return { repo, save, importer: new ImportKnowledgeEntriesUseCase(uow, save) };
}

const row = (n: number, values: Record<string, string>) => ({ row: n, values });

describe('importing knowledge entries', () => {
  it('creates, updates and leaves unchanged rows, and refuses bad rows with their number and reason', async () => {
    const w = world();
    const kept = await w.save.execute({ title: '医保参保登记', questions: ['怎么交医保'], answer: '到区医保窗口办理。', unitId: 7, editor: ADMIN });
    const result = await w.importer.execute({
      editor: ADMIN,
      rows: [
        row(2, { title: '新生儿医保', questions: '孩子刚出生怎么上医保\n新生儿参保', answer: '出生后三个月内办理。', unit: '区医保局', validTo: '2026-12-31' }),
        row(3, { id: String(kept.id), title: '医保参保登记', questions: '怎么交医保', answer: '到区医保窗口或线上办理。', unit: '区医保局' }),
        row(4, { title: '缺答复' }),
        row(5, { title: '未知单位', answer: '某某答复', unit: '不存在局' }),
        row(6, { title: '坏日期', answer: '某某答复', validTo: '明年' }),
        row(7, { title: '坏状态', answer: '某某答复', status: '作废' }),
        row(8, { id: '999', title: '不存在', answer: '某某答复' }),
        row(9, { id: String(kept.id), title: '重复行', answer: '某某答复' }),
      ],
    });
    expect(result).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    expect(result.rejected).toEqual([
      { row: 4, reason: '缺少答复口径（至少 2 个字）' },
      { row: 5, reason: '没有名为「不存在局」的单位' },
      { row: 6, reason: '有效期止「明年」不是日期（须为 YYYY-MM-DD）' },
      { row: 7, reason: '状态「作废」须为 草稿、已审核、已发布、已失效 之一' },
      { row: 8, reason: '编号 999 的知识条目不存在（新条目请把编号留空）' },
      { row: 9, reason: `编号 ${kept.id} 与第 3 行重复` },
    ]);
    const created = w.repo.entries.all().find((e) => e.title === '新生儿医保')!;
    expect(created).toMatchObject({ questions: ['孩子刚出生怎么上医保', '新生儿参保'], unitId: 7, status: 'published' });
    // 2026-12-31 covers that whole Beijing day.
    expect(created.validTo).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect((await w.repo.findById(kept.id))!.answer).toBe('到区医保窗口或线上办理。');
  });

  it('reads back its own export as unchanged, adding no versions', async () => {
    const w = world();
    const e = await w.save.execute({
      title: '新生儿医保',
      questions: ['孩子刚出生怎么上医保', '新生儿参保'],
      answer: '出生后三个月内办理。',
      unitId: 7,
      validTo: new Date('2026-12-31T16:00:00Z'),
      sourceUrl: 'https://ybj.example.gov.cn/1',
      editor: ADMIN,
    });
    const file = await writeKnowledgeWorkbook([{ ...e, unit: '区医保局', questions: e.questions ?? [] }]);
    const rows = await readKnowledgeWorkbook(file);
    expect(rows[0].values).toMatchObject({ id: String(e.id), validTo: '2026-12-31', status: '已发布', questions: '孩子刚出生怎么上医保\n新生儿参保' });
    expect(await w.importer.execute({ editor: ADMIN, rows })).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: [] });
    expect(await w.repo.versions(e.id)).toHaveLength(1);
  });

  it('keeps a unit to its own entries and below 已发布', async () => {
    const w = world();
    const other = await w.save.execute({ title: '失业登记', questions: [], answer: '到人社窗口办理。', unitId: 8, editor: ADMIN });
    const result = await w.importer.execute({
      editor: UNIT,
      rows: [
        row(2, { title: '本单位条目', answer: '本单位的答复。' }),
        row(3, { title: '他单位条目', answer: '他单位的答复。', unit: '区人社局' }),
        row(4, { id: String(other.id), title: '失业登记', answer: '到人社窗口办理。' }),
        row(5, { title: '自行发布', answer: '本单位的答复。', status: '已发布' }),
      ],
    });
    expect(result.created).toBe(1);
    expect(result.rejected.map((r) => [r.row, r.reason])).toEqual([
      [3, '只能维护本单位的知识条目（a unit edits only its own entries）'],
      [4, '只能维护本单位的知识条目（a unit edits only its own entries）'],
      [5, '发布须由管理员审核后操作（only an admin publishes an entry）'],
    ]);
    expect(w.repo.entries.all().find((e) => e.title === '本单位条目')).toMatchObject({ unitId: 7, status: 'draft' });
  });

  it('refuses a file that is no workbook or lacks the required columns', async () => {
    await expect(readKnowledgeWorkbook(Buffer.from('标题,答复口径\n'))).rejects.toThrow('文件不是 XLSX 工作簿');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['标题', '问法']);
    await expect(readKnowledgeWorkbook(Buffer.from(await wb.xlsx.writeBuffer()))).rejects.toThrow('缺少列：答复口径');
  });
});
