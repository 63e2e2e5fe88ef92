import { ensureModel } from '@hub/classification';
import type { HubConfig } from '@hub/config';
import type { UnitOfWork } from '@hub/database';
import type { Clock } from '@hub/domain';
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
import { RequestExtensionUseCase } from './request-extension/request-extension.usecase';
import { ReturnTicketUseCase } from './return-ticket/return-ticket.usecase';
import { ActiveModelClassifierSource, ClassifierSource } from './route-new-tickets/classifier-source';
import { RouteNewTicketsUseCase } from './route-new-tickets/route-new-tickets.usecase';
import { AssistStep } from './shared/assist-step';
import { DeadlineBook } from './shared/deadline-book';
import type { DeadlinePlanner } from './shared/deadline-planner';
import { OperatorExamples } from './shared/operator-examples';
import { TicketFactsReader } from './shared/ticket-facts';
import { UnitDispatcher } from './shared/unit-dispatcher';
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
import { SubChain } from './shared/sub-chain';
import { SubDispatchTicketUseCase } from './sub-dispatch-ticket/sub-dispatch-ticket.usecase';
import { ForwardSubReplyUseCase } from './forward-sub-reply/forward-sub-reply.usecase';
import { SendBackSubReplyUseCase } from './send-back-sub-reply/send-back-sub-reply.usecase';
import { HandTicketToCityUseCase } from './hand-ticket-to-city/hand-ticket-to-city.usecase';

export interface TicketUseCaseDeps {
  uow: UnitOfWork;
  config: HubConfig;
  planner: DeadlinePlanner;
  clock: Clock;
  /** Default: the active model under HUB_DATA_DIR (trained from the shipped examples when there is none). */
  classifiers?: ClassifierSource;
}

/**
 * The ticket use cases wired as TicketUseCasesModule wires them, for code that runs outside Nest
 * (integration tests, specs, scripts). Each is used through its own `execute`.
 */
export function buildTicketUseCases(d: TicketUseCaseDeps) {
  const book = new DeadlineBook(d.planner);
  const facts = new TicketFactsReader(d.config);
  const dispatcher = new UnitDispatcher(d.uow, d.config, d.clock, book, facts, new OperatorExamples(d.config));
  const assist = new AssistStep(d.uow, d.clock, book);
  const chain = new SubChain(d.uow, d.clock, book, facts);
  const replyTicket = new ReplyTicketUseCase(d.uow, d.clock, book, facts, assist, chain);
  const reassignTicket = new ReassignTicketUseCase(d.uow, dispatcher);
  const dispatchTicket = new DispatchTicketUseCase(d.uow, dispatcher, reassignTicket);
  const mergeTickets = new MergeTicketsUseCase(d.uow, d.clock, book, facts);
  const classifiers = d.classifiers ?? new ActiveModelClassifierSource(d.config, ensureModel);
  return {
    acceptTicket: new AcceptTicketUseCase(d.uow, d.clock),
    dispatchTicket,
    reassignTicket,
    acknowledgeTicket: new AcknowledgeTicketUseCase(d.uow, d.clock, book, assist, chain),
    recordContact: new RecordContactUseCase(d.uow, d.clock, book),
    returnTicket: new ReturnTicketUseCase(d.uow, d.clock, book, chain),
    decideReturn: new DecideReturnUseCase(d.uow, d.clock, book, facts),
    requestExtension: new RequestExtensionUseCase(d.uow, d.clock, book, facts),
    decideExtension: new DecideExtensionUseCase(d.uow, d.clock, book, facts),
    replyTicket,
    surveyTicket: new SurveyTicketUseCase(d.uow, d.clock, book, facts),
    mergeTickets,
    closeTicket: new CloseTicketUseCase(d.uow, d.clock, book),
    answerDirectly: new AnswerDirectlyUseCase(d.uow, d.clock, book, facts, new OperatorExamples(d.config)),
    provideService: new ProvideServiceUseCase(d.uow, d.clock, book),
    markInvalid: new MarkInvalidUseCase(d.uow, d.clock, book),
    requestSuspension: new RequestSuspensionUseCase(d.uow, d.clock),
    decideSuspension: new DecideSuspensionUseCase(d.uow, d.clock, book),
    resumeTicket: new ResumeTicketUseCase(d.uow, d.clock, book),
    addLeaderInstruction: new AddLeaderInstructionUseCase(d.uow, d.clock, facts),
    assignLeaderCase: new AssignLeaderCaseUseCase(d.uow, d.clock),
    reviewReply: new ReviewReplyUseCase(d.uow, d.clock, book, facts),
    openSupervisionOrder: new OpenSupervisionOrderUseCase(d.uow, d.clock, book, facts),
    answerSupervisionOrder: new AnswerSupervisionOrderUseCase(d.uow, d.clock, book),
    withdrawSupervisionOrder: new WithdrawSupervisionOrderUseCase(d.uow, d.clock, book),
    subDispatchTicket: new SubDispatchTicketUseCase(chain),
    forwardSubReply: new ForwardSubReplyUseCase(d.uow, chain, replyTicket),
    sendBackSubReply: new SendBackSubReplyUseCase(chain),
    handTicketToCity: new HandTicketToCityUseCase(d.uow, d.config, d.clock),
    routeNewTickets: new RouteNewTicketsUseCase(d.uow, d.config, d.clock, classifiers, book, facts, dispatchTicket, mergeTickets),
  };
}
export type TicketUseCases = ReturnType<typeof buildTicketUseCases>;
