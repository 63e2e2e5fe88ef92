import { Inject, Injectable } from '@nestjs/common';
import { KNOWLEDGE, KnowledgeEntryEntity, KnowledgeEntryValues, UnitOfWork, validateCommand } from '@hub/database';
import { canMoveKnowledge, CLOCK, Clock, KNOWLEDGE_STATUS_LABELS, KnowledgeStatus } from '@hub/domain';
import { assertMayEdit, KnowledgeConflictError, KnowledgeNotFoundError, KnowledgeRefusedError } from '../../knowledge-actor';
import { knowledgeDocument } from '../../knowledge-words';
import { SaveKnowledgeEntryCommand } from './save-knowledge-entry.command';

/**
 * Creates an entry or saves its next version, keeping every version whole. A unit keeps its own
 * units' entries and may take them up to 已审核; publishing (and any entry) is an admin's.
 */
@Injectable()
export class SaveKnowledgeEntryUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: SaveKnowledgeEntryCommand): Promise<KnowledgeEntryEntity> {
    const cmd = validateCommand(SaveKnowledgeEntryCommand, input);
    const { editor } = cmd;
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const repo = tx.get(KNOWLEDGE);
      const prior = cmd.id ? await repo.findById(cmd.id) : null;
      if (cmd.id && !prior) throw new KnowledgeNotFoundError(cmd.id);
      if (prior) assertMayEdit(editor, prior.unitId);
      const unitId = cmd.unitId !== undefined ? cmd.unitId : (prior?.unitId ?? (editor.role === 'unit' ? (editor.unitIds[0] ?? null) : null));
      assertMayEdit(editor, unitId);
      const status = cmd.status ?? (prior?.status as KnowledgeStatus | undefined) ?? (editor.role === 'admin' ? 'published' : 'draft');
      if (prior && !canMoveKnowledge(prior.status as KnowledgeStatus, status))
        throw new KnowledgeRefusedError(
          `知识条目不能从「${KNOWLEDGE_STATUS_LABELS[prior.status as KnowledgeStatus]}」改为「${KNOWLEDGE_STATUS_LABELS[status]}」（${prior.status} cannot become ${status}）`,
        );
      if (status === 'published' && editor.role !== 'admin' && prior?.status !== 'published')
        throw new KnowledgeRefusedError('发布须由管理员审核后操作（only an admin publishes an entry）');
      const validFrom = cmd.validFrom !== undefined ? cmd.validFrom : (prior?.validFrom ?? null);
      const validTo = cmd.validTo !== undefined ? cmd.validTo : (prior?.validTo ?? null);
      if (validFrom && validTo && validFrom >= validTo) throw new KnowledgeRefusedError('有效期止须晚于有效期起（validTo must be after validFrom）');
      const questions = [...new Set(cmd.questions.map((q) => q.trim()).filter(Boolean))];
      const values: KnowledgeEntryValues = {
        title: cmd.title.trim(),
        questions,
        answer: cmd.answer.trim(),
        category: cmd.category !== undefined ? cmd.category?.trim() || null : (prior?.category ?? null),
        unitId,
        validFrom,
        validTo,
        status,
        sourceUrl: cmd.sourceUrl !== undefined ? cmd.sourceUrl || null : (prior?.sourceUrl ?? null),
        words: knowledgeDocument({ title: cmd.title, questions, answer: cmd.answer }),
        updatedBy: editor.name,
      };
      let saved: KnowledgeEntryEntity | null;
      if (prior) {
        if (cmd.version !== undefined && cmd.version !== prior.version) throw new KnowledgeConflictError(prior.id);
        saved = await repo.update(prior.id, prior.version, values);
        if (!saved) throw new KnowledgeConflictError(prior.id);
      } else {
        saved = await repo.insert(values);
      }
      const { words: _words, ...snapshot } = values;
      await repo.addVersion({ entryId: saved.id, version: saved.version, snapshot: JSON.stringify(snapshot), actorName: editor.name, at: now });
      return saved;
    });
  }
}
