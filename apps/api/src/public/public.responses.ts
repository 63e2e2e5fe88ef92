import { TICKET_STATUSES } from '@hub/domain';
import { Enum, ListOf, NullableStr, NullableTime, Str, Time } from '../response-fields';

export class PublicTimelineStep {
  @Time() at!: string;
  @Str({ example: '已转交承办单位办理' }) text!: string;
}

/** What GET /api/public/tickets/:number answers: progress only, never who asked or what they wrote. */
export class PublicTicketStatusView {
  @Str({ example: 'QH20261129-000123' }) number!: string;
  @Enum(TICKET_STATUSES, 'TicketStatus') status!: string;
  @Str({ example: '承办单位办理中' }) statusText!: string;
  @Time() receivedAt!: string;
  @NullableTime() dispatchedAt!: string | null;
  @NullableTime() repliedAt!: string | null;
  @NullableTime() closedAt!: string | null;
  @NullableStr({ example: '东湖区城市管理局' }) unit!: string | null;
  @NullableStr({ description: 'the reply, once given' }) reply!: string | null;
  @ListOf(PublicTimelineStep) timeline!: PublicTimelineStep[];
}

export class SurveyLinkStateView {
  @Str({ example: 'QH20261129-000123' }) number!: string;
  @Enum(['open', 'answered', 'expired'], 'SurveyLinkState') state!: string;
  @Time() expiresAt!: string;
  @NullableStr() unit!: string | null;
}

export class SurveyAnswered {
  @Enum(TICKET_STATUSES, 'TicketStatus', { description: 'surveyed, or reopened after 不满意' }) status!: string;
}
