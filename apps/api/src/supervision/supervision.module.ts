import { Module } from '@nestjs/common';
import { TicketUseCasesModule } from '@hub/tickets';
import { SupervisionQueryService } from './supervision-query.service';
import { SupervisionController } from './supervision.controller';

/** 督办单: opened by supervisors, answered by units, chased by the sweep, listed in the 通报. */
@Module({ imports: [TicketUseCasesModule], controllers: [SupervisionController], providers: [SupervisionQueryService] })
export class SupervisionModule {}
