import { Module } from '@nestjs/common';
import { DispatchModule } from '@hub/dispatch';
import { IntakeController } from '../intake/intake.controller';
import { TicketQueryService } from './ticket-query.service';
import { TicketsController } from './tickets.controller';

@Module({
  imports: [DispatchModule],
  controllers: [TicketsController, IntakeController],
  providers: [TicketQueryService],
  exports: [TicketQueryService],
})
export class TicketsModule {}
