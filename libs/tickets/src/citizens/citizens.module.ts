import { Module } from '@nestjs/common';
import { UnitOfWorkModule } from '@hub/database';
import { TicketUseCasesModule } from '../usecases/ticket-use-cases.module';
import { AnswerSurveyLinkUseCase } from './answer-survey-link/answer-survey-link.usecase';
import { ViewPublicStatusUseCase } from './view-public-status/view-public-status.usecase';
import { ViewSurveyLinkUseCase } from './view-survey-link/view-survey-link.usecase';
import { ListOpen311RequestsUseCase } from '../open311/list-open311-requests/list-open311-requests.usecase';

const CITIZEN_USE_CASES = [ViewPublicStatusUseCase, ViewSurveyLinkUseCase, AnswerSurveyLinkUseCase, ListOpen311RequestsUseCase];

/** What citizens and their apps do without an account: look a request up, answer its survey, read Open311 requests. */
@Module({ imports: [UnitOfWorkModule, TicketUseCasesModule], providers: CITIZEN_USE_CASES, exports: CITIZEN_USE_CASES })
export class CitizenUseCasesModule {}
