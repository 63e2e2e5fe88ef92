import { Module } from '@nestjs/common';
import { TicketUseCasesModule } from '@hub/tickets';
import { TicketQueryService } from './ticket-query.service';
import { TicketsController } from './tickets.controller';

@Module({
  imports: [TicketUseCasesModule],
  controllers: [TicketsController],
  providers: [TicketQueryService],
  exports: [TicketQueryService],
})
export class TicketsModule {}
