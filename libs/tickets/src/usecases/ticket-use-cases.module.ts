import { Global, Module } from '@nestjs/common';
import { ensureModel, ModelStore, pullActiveModel, pushModel } from '@hub/classification';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { UnitOfWorkModule } from '@hub/database';
import { loadCityDeadlinePolicies } from '@hub/deadlines';
import { AcceptTicketUseCase } from './accept-ticket/accept-ticket.usecase';
import { AcknowledgeTicketUseCase } from './acknowledge-ticket/acknowledge-ticket.usecase';
import { AnswerDirectlyUseCase } from './answer-directly/answer-directly.usecase';
import { CloseTicketUseCase } from './close-ticket/close-ticket.usecase';
import { DecideExtensionUseCase } from './decide-extension/decide-extension.usecase';
import { DecideReturnUseCase } from './decide-return/decide-return.usecase';
import { DispatchTicketUseCase } from './dispatch-ticket/dispatch-ticket.usecase';
import { MarkInvalidUseCase } from './mark-invalid/mark-invalid.usecase';
import { MergeTicketsUseCase } from './merge-tickets/merge-tickets.usecase';
import { ProvideServiceUseCase } from './provide-service/provide-service.usecase';
import { ReassignTicketUseCase } from './reassign-ticket/reassign-ticket.usecase';
import { RecordContactUseCase } from './record-contact/record-contact.usecase';
import { ReplyTicketUseCase } from './reply-ticket/reply-ticket.usecase';
import { IndexTicketsUseCase } from './index-tickets/index-tickets.usecase';
import { IndexUnindexedTicketsUseCase } from './index-unindexed-tickets/index-unindexed-tickets.usecase';
import { RequeueUnroutedTicketsUseCase } from './requeue-unrouted-tickets/requeue-unrouted-tickets.usecase';
import { RequestExtensionUseCase } from './request-extension/request-extension.usecase';
import { ReturnTicketUseCase } from './return-ticket/return-ticket.usecase';
import { ActiveModelClassifierSource, CLASSIFIER_SOURCE } from './route-new-tickets/classifier-source';
import { RouteNewTicketsUseCase } from './route-new-tickets/route-new-tickets.usecase';
import { AssistStep } from './shared/assist-step';
import { DeadlineBook } from './shared/deadline-book';
import { DEADLINE_PLANNER, DeadlinePlanner } from './shared/deadline-planner';
import { OperatorExamples } from './shared/operator-examples';
import { TicketFactsReader } from './shared/ticket-facts';
import { OfferedActions } from './shared/offered-actions';
import { SurveyTicketUseCase } from './survey-ticket/survey-ticket.usecase';
import { AnswerSupervisionOrderUseCase } from './answer-supervision-order/answer-supervision-order.usecase';
import { DecideSuspensionUseCase } from './decide-suspension/decide-suspension.usecase';
import { RequestSuspensionUseCase } from './request-suspension/request-suspension.usecase';
import { ResumeTicketUseCase } from './resume-ticket/resume-ticket.usecase';
import { AddLeaderInstructionUseCase } from './add-leader-instruction/add-leader-instruction.usecase';
import { AssignLeaderCaseUseCase } from './assign-leader-case/assign-leader-case.usecase';
import { ReviewReplyUseCase } from './review-reply/review-reply.usecase';
import { OpenSupervisionOrderUseCase } from './open-supervision-order/open-supervision-order.usecase';
import { WithdrawSupervisionOrderUseCase } from './withdraw-supervision-order/withdraw-supervision-order.usecase';
import { UnitDispatcher } from './shared/unit-dispatcher';
import { SubChain } from './shared/sub-chain';
import { SubDispatchTicketUseCase } from './sub-dispatch-ticket/sub-dispatch-ticket.usecase';
import { ForwardSubReplyUseCase } from './forward-sub-reply/forward-sub-reply.usecase';
import { SendBackSubReplyUseCase } from './send-back-sub-reply/send-back-sub-reply.usecase';
import { HandTicketToCityUseCase } from './hand-ticket-to-city/hand-ticket-to-city.usecase';

export const TICKET_USE_CASES = [
  AcceptTicketUseCase,
  DispatchTicketUseCase,
  ReassignTicketUseCase,
  AcknowledgeTicketUseCase,
  RecordContactUseCase,
  ReturnTicketUseCase,
  DecideReturnUseCase,
  RequestExtensionUseCase,
  DecideExtensionUseCase,
  ReplyTicketUseCase,
  SurveyTicketUseCase,
  MergeTicketsUseCase,
  CloseTicketUseCase,
  AnswerDirectlyUseCase,
  ProvideServiceUseCase,
  MarkInvalidUseCase,
  RouteNewTicketsUseCase,
  RequeueUnroutedTicketsUseCase,
  IndexTicketsUseCase,
  IndexUnindexedTicketsUseCase,
  ReviewReplyUseCase,
  AddLeaderInstructionUseCase,
  AssignLeaderCaseUseCase,
  RequestSuspensionUseCase,
  DecideSuspensionUseCase,
  ResumeTicketUseCase,
  OpenSupervisionOrderUseCase,
  AnswerSupervisionOrderUseCase,
  WithdrawSupervisionOrderUseCase,
  SubDispatchTicketUseCase,
  ForwardSubReplyUseCase,
  SendBackSubReplyUseCase,
  HandTicketToCityUseCase,
];

/**
 * The classifier of this process. With a shared bucket (HUB_STORAGE_URL) a new host first takes
 * the model the others use, and a model this host has to train (none anywhere yet) is shared.
 */
async function classifierSource(c: HubConfig): Promise<ActiveModelClassifierSource> {
  if (c.env.storage.kind === 'local') return new ActiveModelClassifierSource(c, ensureModel);
  const store = new ModelStore(c.env.dataDir);
  await pullActiveModel(c, store).catch(() => false); // the bucket away: the next checks try again
  return new ActiveModelClassifierSource(c, (config) => {
    const trained = ensureModel(config);
    void pushModel(config, store, trained.model.version).catch(() => undefined);
    return trained;
  });
}

/** Every ticket action and the router, with the deadline policies of config and the active model. */
@Global()
@Module({
  imports: [UnitOfWorkModule],
  providers: [
    { provide: DEADLINE_PLANNER, inject: [HUB_CONFIG], useFactory: (c: HubConfig): DeadlinePlanner => loadCityDeadlinePolicies(c) },
    { provide: CLASSIFIER_SOURCE, inject: [HUB_CONFIG], useFactory: classifierSource },
    DeadlineBook,
    TicketFactsReader,
    OfferedActions,
    OperatorExamples,
    UnitDispatcher,
    AssistStep,
    SubChain,
    ...TICKET_USE_CASES,
  ],
  exports: [DEADLINE_PLANNER, CLASSIFIER_SOURCE, OfferedActions, ...TICKET_USE_CASES],
})
export class TicketUseCasesModule {}
