import { Global, Module } from '@nestjs/common';
import { ensureModel } from '@hub/classification';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { DEADLINE_PLANNER, DeadlinePlanner } from './deadline-planner';
import { ActiveModelClassifierSource, CLASSIFIER_SOURCE, RouteTicketsUseCase } from './route-tickets.usecase';
import { TicketActionsService } from './ticket-actions.service';

/** Ticket actions and routing, with the deadline policies of config and the active model. */
@Global()
@Module({
  providers: [
    { provide: DEADLINE_PLANNER, inject: [HUB_CONFIG], useFactory: (c: HubConfig): DeadlinePlanner => loadDeadlinePolicies(c) },
    { provide: CLASSIFIER_SOURCE, inject: [HUB_CONFIG], useFactory: (c: HubConfig) => new ActiveModelClassifierSource(c, ensureModel) },
    TicketActionsService,
    RouteTicketsUseCase,
  ],
  exports: [DEADLINE_PLANNER, CLASSIFIER_SOURCE, TicketActionsService, RouteTicketsUseCase],
})
export class DispatchModule {}
