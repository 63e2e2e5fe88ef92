import { Module } from '@nestjs/common';
import { TicketUseCasesModule } from '@hub/tickets';
import { TicketsModule } from '../tickets/tickets.module';
import { LeaderController } from './leader.controller';

/** 领导批示, 包案 and the leader's view. */
@Module({ imports: [TicketUseCasesModule, TicketsModule], controllers: [LeaderController] })
export class LeaderModule {}
