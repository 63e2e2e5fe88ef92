import { Module } from '@nestjs/common';
import { TicketUseCasesModule } from '@hub/tickets';
import { IntakeController } from '../intake/intake.controller';
import { TicketQueryService } from './ticket-query.service';
import { TicketsController } from './tickets.controller';

@Module({
  imports: [TicketUseCasesModule],
  controllers: [TicketsController, IntakeController],
  providers: [TicketQueryService],
  exports: [TicketQueryService],
})
export class TicketsModule {}
