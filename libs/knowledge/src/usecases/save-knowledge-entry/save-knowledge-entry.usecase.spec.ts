import { InMemoryKnowledgeRepository, InMemoryUnitOfWork, KNOWLEDGE } from '@hub/database';
import { fixedClock } from '@hub/domain';
import { SaveKnowledgeEntryUseCase } from './save-knowledge-entry.usecase';

const ADMIN = { name: '管理员', role: 'admin', unitIds: [] };
const UNIT = { name: '医保局 承办人', role: 'unit', unitIds: [7] };
const ENTRY = { title: '灵活就业人员医保参保登记', questions: ['自由职业者怎么交医保', '自由职业者怎么交医保 '], answer: '到区医保窗口办理。' };

function world() {
  const repo = new InMemoryKnowledgeRepository();
  const uow = new InMemoryUnitOfWork([[KNOWLEDGE, repo]]);
  return { repo, save: new SaveKnowledgeEntryUseCase(uow, fixedClock(new Date('2026-03-02T02:00:00Z'))) };
}

describe('saving a knowledge entry', () => {
  it('publishes an admin’s entry, keeps each version whole and the phrasings once each', async () => {
    const w = world();
    const first = await w.save.execute({ ...ENTRY, editor: ADMIN });
    expect(first).toMatchObject({ status: 'published', version: 1, unitId: null, questions: ['自由职业者怎么交医保'] });
    const second = await w.save.execute({ ...ENTRY, id: first.id, version: 1, answer: '线上办理也可以。', editor: ADMIN });
    expect(second.version).toBe(2);
    expect((await w.repo.versions(first.id)).map((v) => [v.version, JSON.parse(v.snapshot).answer])).toEqual([
      [2, '线上办理也可以。'],
      [1, '到区医保窗口办理。'],
    ]);
  });

  it('makes a unit’s entry its own draft; another unit’s, publishing and a stale version are refused', async () => {
    const w = world();
    const draft = await w.save.execute({ ...ENTRY, editor: UNIT });
    expect(draft).toMatchObject({ status: 'draft', unitId: 7 });
    await expect(w.save.execute({ ...ENTRY, unitId: 8, editor: UNIT })).rejects.toMatchObject({ code: 'KNOWLEDGE_FORBIDDEN' });
    await expect(w.save.execute({ ...ENTRY, id: draft.id, status: 'published', editor: UNIT })).rejects.toMatchObject({ code: 'ACTION_REFUSED' });
    await w.save.execute({ ...ENTRY, id: draft.id, status: 'reviewed', editor: UNIT });
    await expect(w.save.execute({ ...ENTRY, id: draft.id, version: 1, editor: ADMIN })).rejects.toMatchObject({ code: 'KNOWLEDGE_CONFLICT' });
    expect(await w.save.execute({ ...ENTRY, id: draft.id, status: 'published', editor: ADMIN })).toMatchObject({ status: 'published', version: 3 });
  });

  it('refuses a validity that ends before it starts, and nothing is written', async () => {
    const w = world();
    await expect(
      w.save.execute({ ...ENTRY, validFrom: new Date('2026-05-01T00:00:00Z'), validTo: new Date('2026-04-01T00:00:00Z'), editor: ADMIN }),
    ).rejects.toMatchObject({ code: 'ACTION_REFUSED' });
    expect(w.repo.entries.all()).toEqual([]);
  });
});
