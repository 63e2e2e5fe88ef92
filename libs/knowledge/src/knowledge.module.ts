import { Module } from '@nestjs/common';
import { UnitOfWorkModule } from '@hub/database';
import { KnowledgeSearch } from './knowledge-search';
import { DeleteKnowledgeEntryUseCase } from './usecases/delete-knowledge-entry';
import { NotifyExpiringKnowledgeUseCase } from './usecases/notify-expiring-knowledge';
import { SaveKnowledgeEntryUseCase } from './usecases/save-knowledge-entry';
import { SaveCannedReplyUseCase } from './usecases/save-canned-reply';
import { ImportKnowledgeEntriesUseCase } from './usecases/import-knowledge-entries';

const PROVIDERS = [
  KnowledgeSearch,
  SaveKnowledgeEntryUseCase,
  DeleteKnowledgeEntryUseCase,
  NotifyExpiringKnowledgeUseCase,
  SaveCannedReplyUseCase,
  ImportKnowledgeEntriesUseCase,
];

/** The knowledge base (知识库): its search and the use cases that keep it. */
@Module({ imports: [UnitOfWorkModule], providers: PROVIDERS, exports: PROVIDERS })
export class KnowledgeModule {}
