import { Module } from '@nestjs/common';
import { KnowledgeModule } from '@hub/knowledge';
import { TicketsModule } from '../tickets/tickets.module';
import { KnowledgeController } from './knowledge.controller';
import { KnowledgeWorkbookController } from './knowledge-workbook.controller';
import { KnowledgeQueryService } from './knowledge-query.service';
import { KnowledgeGapsService } from './knowledge-gaps.service';
import { CallerHistoryController } from './caller-history.controller';
import { CannedRepliesController } from './canned-replies.controller';
import { CallerHistoryService } from './caller-history.service';

/** The operator's desk: caller history (and the knowledge base, canned replies). */
@Module({
  imports: [TicketsModule, KnowledgeModule],
  controllers: [CallerHistoryController, KnowledgeController, KnowledgeWorkbookController, CannedRepliesController],
  providers: [CallerHistoryService, KnowledgeQueryService, KnowledgeGapsService],
})
export class DeskModule {}
