import { Injectable } from '@nestjs/common';
import { CannedReplyEntity, KNOWLEDGE, UnitOfWork, validateCommand } from '@hub/database';
import { KnowledgeForbiddenError, KnowledgeNotFoundError } from '../../knowledge-actor';
import { SaveCannedReplyCommand } from './save-canned-reply.command';

/** Admins keep the canned replies units use for 办结反馈 and operators for 直接答复, per category. */
@Injectable()
export class SaveCannedReplyUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: SaveCannedReplyCommand): Promise<CannedReplyEntity> {
    const cmd = validateCommand(SaveCannedReplyCommand, input);
    if (cmd.editor.role !== 'admin') throw new KnowledgeForbiddenError('常用语由管理员维护（only admins edit canned replies）');
    return this.uow.run(async (tx) => {
      const repo = tx.get(KNOWLEDGE);
      if (cmd.id && !(await repo.cannedReplies(null)).some((r) => r.id === cmd.id)) throw new KnowledgeNotFoundError(cmd.id);
      return repo.saveCannedReply({
        id: cmd.id,
        kind: cmd.kind,
        category: cmd.category?.trim() || null,
        title: cmd.title.trim(),
        text: cmd.text.trim(),
        updatedBy: cmd.editor.name,
      });
    });
  }

  async remove(id: number, editor: { role: string }): Promise<void> {
    if (editor.role !== 'admin') throw new KnowledgeForbiddenError('常用语由管理员维护（only admins edit canned replies）');
    await this.uow.run(async (tx) => {
      if (!(await tx.get(KNOWLEDGE).removeCannedReply(id))) throw new KnowledgeNotFoundError(id);
    });
  }
}
