import { Injectable } from '@nestjs/common';
import { KNOWLEDGE, UnitOfWork, validateCommand } from '@hub/database';
import { assertMayEdit, KnowledgeNotFoundError, KnowledgeRefusedError } from '../../knowledge-actor';
import { DeleteKnowledgeEntryCommand } from './delete-knowledge-entry.command';

/**
 * Deletes an entry nobody has answered from; one that answered calls is kept for the record
 * (the tickets cite its version) and can only be expired.
 */
@Injectable()
export class DeleteKnowledgeEntryUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: DeleteKnowledgeEntryCommand): Promise<void> {
    const { id, editor } = validateCommand(DeleteKnowledgeEntryCommand, input);
    await this.uow.run(async (tx) => {
      const repo = tx.get(KNOWLEDGE);
      const entry = await repo.findById(id);
      if (!entry) throw new KnowledgeNotFoundError(id);
      assertMayEdit(editor, entry.unitId);
      if (entry.answerCount > 0)
        throw new KnowledgeRefusedError(
          `该条目已用于答复 ${entry.answerCount} 次，不能删除，请改为「已失效」（entry answered ${entry.answerCount} calls; expire it instead）`,
        );
      await repo.remove(id);
    });
  }
}
