import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { CallerHistoryController } from './caller-history.controller';
import { CallerHistoryService } from './caller-history.service';

/** The operator's desk: caller history (and the knowledge base, canned replies). */
@Module({
  imports: [TicketsModule],
  controllers: [CallerHistoryController],
  providers: [CallerHistoryService],
})
export class DeskModule {}
