import { ApiProperty } from '@nestjs/swagger';
import {
  ASSIGNMENT_ROLES,
  CHANNELS,
  DEADLINE_STAGES,
  DISPOSITIONS,
  OUTCOMES,
  RATINGS,
  REMINDER_LEVELS,
  SUPERVISION_STAGE,
  OFFERED_ACTIONS,
  TICKET_STATUSES,
  URGENCIES,
} from '@hub/domain';
import {
  Bool,
  Enum,
  EnumList,
  fieldsFor,
  Int,
  ListOf,
  NullableEnum,
  NullableInt,
  NullableJson,
  NullableNested,
  NullableNum,
  NullableStr,
  NullableTime,
  Num,
  Str,
  StrList,
  Time,
} from '../response-fields';
import { TICKET_VIEWS } from './ticket-inbox-filter';
import { UpstreamSync } from './upstream-sync';

const TICKET_ACCESS = ['full', 'masked', 'former'] as const;

/** A ticket's clocks: its stages, and a 督办单's answer. */
const CLOCK_STAGES = [...DEADLINE_STAGES, SUPERVISION_STAGE];

// What GET /api/tickets, /api/tickets/counts, /api/tickets/:id and the ticket actions answer.

export class NextDeadline {
  @Enum(CLOCK_STAGES, 'DeadlineStage') stage!: string;
  @Time() dueAt!: string;
  @Bool() overdue!: boolean;
  @Bool() paused!: boolean;
}

export class TicketSummary {
  @Int() id!: number;
  @Str({ example: 'QH20261129-000123' }) number!: string;
  @Enum(TICKET_STATUSES, 'TicketStatus') status!: string;
  @Str({ description: 'the status in Chinese' }) statusLabel!: string;
  @Enum(CHANNELS, 'Channel') channel!: string;
  @NullableStr({ description: 'source name, e.g. 市长信箱' }) source!: string | null;
  @NullableStr() subject!: string | null;
  @Str({ description: 'the first 120 characters of the text' }) summary!: string;
  @Time() receivedAt!: string;
  @NullableStr() category!: string | null;
  @NullableStr() region!: string | null;
  @Enum(URGENCIES, 'Urgency') urgency!: string;
  @Bool({ description: 'not marked urgent, but the classifier could not rule it out (疑似紧急): an operator decides' }) urgencySuspected!: boolean;
  @NullableStr() leadUnit!: string | null;
  @NullableInt() leadUnitId!: number | null;
  @NullableNum({ description: "the classifier's confidence, 0-1" }) confidence!: number | null;
  @NullableStr({ description: 'the department the classifier suggests' }) suggestion!: string | null;
  @NullableNested(NextDeadline, { description: 'the earliest open deadline' }) nextDeadline!: NextDeadline | null;
  @Int() repeatCount!: number;
  @NullableStr({ description: 'the city (cities.yaml) the ticket belongs to; null: the installation’s own desk' }) city!: string | null;
}

export class TicketPage {
  @Int({ description: 'the tickets in the list; for a lookup (q), the matches read up to this page (see more)' }) total!: number;
  @Bool({ description: 'a lookup (q) only: more matches follow beyond total (更多结果), read page by page, never all counted' }) more!: boolean;
  @Int() page!: number;
  @Int() pageSize!: number;
  @ListOf(TicketSummary) items!: TicketSummary[];
}

/** Tickets per inbox view; a unit user gets no `triage`. */
export class TicketCounts {}
fieldsFor(
  TicketCounts,
  TICKET_VIEWS.filter((v) => v !== 'all'),
  () => ApiProperty({ type: 'integer', required: false }),
);

export class ClassificationSuggestion {
  @Str() category!: string;
  @NullableStr() department!: string | null;
  @Num() confidence!: number;
}

/** What the classifier decided when the ticket came in (units are not shown it). */
export class Classification {
  @NullableStr() category!: string | null;
  @NullableStr() region!: string | null;
  @NullableStr() department!: string | null;
  @Enum(URGENCIES, 'Urgency') urgency!: string;
  @ApiProperty({ type: Boolean, required: false, description: 'the classifier could not rule urgency out (疑似紧急)' }) urgencySuspected?: boolean;
  @ApiProperty({ type: Number, nullable: true, required: false, description: 'calibrated probability that the item is urgent, 0-1' }) urgencyScore?:
    number | null;
  @Str() disposition!: string;
  @Num({ description: '0-1' }) confidence!: number;
  @Bool({ description: 'dispatched without an operator' }) auto!: boolean;
  @ApiProperty({ type: ClassificationSuggestion, isArray: true, required: false }) suggestions?: ClassificationSuggestion[];
  @ApiProperty({ type: 'object', additionalProperties: true, selfRequired: false, description: 'the terms and rules behind the decision' })
  why?: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, required: false }) modelVersion?: string | null;
}

/** The requester, masked for a unit user on a confidential ticket (and null for a unit that no longer holds the ticket). */
export class TicketRequester {
  @NullableStr() name!: string | null;
  @NullableStr() phone!: string | null;
  @NullableStr() email!: string | null;
  @NullableStr() idNumber!: string | null;
  @NullableStr() address!: string | null;
  @Bool() masked!: boolean;
}

export class TicketAssignment {
  @Int() id!: number;
  @Int() ticketId!: number;
  @Int() unitId!: number;
  @NullableStr({ description: 'the unit name' }) unit!: string | null;
  @Enum(ASSIGNMENT_ROLES, 'AssignmentRole', { description: 'lead (主办), assist (协办) or sub (下级承办: re-dispatched by a desk unit, 二级派单)' })
  role!: string;
  @Str({ description: 'active, returned, reassigned, replied, closed or cancelled' }) status!: string;
  @Time() dispatchedAt!: string;
  @NullableTime() acknowledgedAt!: string | null;
  @NullableTime() returnedAt!: string | null;
  @NullableStr() returnReason!: string | null;
  @NullableTime() repliedAt!: string | null;
  @NullableEnum(OUTCOMES, 'Outcome') outcome!: string | null;
  @NullableStr() replyText!: string | null;
  @Int() extensionCount!: number;
  @NullableInt({ description: '二级派单: the desk unit’s assignment this one was re-dispatched from (the chain on the ticket)' })
  parentAssignmentId!: number | null;
  @Time() createdAt!: string;
  @Time() updatedAt!: string;
}

export class TicketEventView {
  @Int() id!: number;
  @Str({ description: 'the action (dispatch, reply...) or a system event (escalation, assist_replied...)' }) type!: string;
  @NullableEnum(TICKET_STATUSES, 'TicketStatus') fromStatus!: string | null;
  @NullableEnum(TICKET_STATUSES, 'TicketStatus') toStatus!: string | null;
  @Str({ description: 'who did it, by name' }) actor!: string;
  @Str({ description: 'user, system, unit or requester' }) actorKind!: string;
  @Time() at!: string;
  @NullableStr() reason!: string | null;
  @NullableJson({
    description: 'what the action carried (days asked, target ticket...); null for a unit user on a confidential ticket or one it no longer holds',
  })
  data!: Record<string, unknown> | null;
}

export class TicketDeadline {
  @Int() id!: number;
  @Enum(CLOCK_STAGES, 'DeadlineStage') stage!: string;
  @NullableStr({ description: 'the unit name' }) unit!: string | null;
  @Time() startAt!: string;
  @Time() dueAt!: string;
  @Str({ description: 'open, met or cancelled' }) status!: string;
  @NullableTime() metAt!: string | null;
  @Bool() paused!: boolean;
  @Int({
    description:
      'time the clock stood still (中止, an extension or return decision), in ms; the due time moved by it (working time for a limit in working days)',
  })
  pausedMs!: number;
  @Bool() overdue!: boolean;
  @NullableEnum(REMINDER_LEVELS, 'ReminderLevel', { description: 'the last reminder sent' }) lastLevelSent!: string | null;
  @StrList() warnings!: string[];
}

export class TicketAttachment {
  @Int() id!: number;
  @Str() filename!: string;
  @Str() contentType!: string;
  @Int({ description: 'bytes' }) size!: number;
  @Bool({ description: 'over the size limit: listed, not kept' }) tooLarge!: boolean;
}

/** A call-back or follow-up (回访) task. */
export class TicketTask {
  @Int() id!: number;
  @Int() ticketId!: number;
  @Str({ description: 'callback or follow_up' }) kind!: string;
  @Int({ description: 'which reply it follows' }) round!: number;
  @Str({ description: 'open, done or cancelled' }) status!: string;
  @NullableTime() dueAt!: string | null;
  @NullableTime() doneAt!: string | null;
  @NullableInt() doneBy!: number | null;
  @NullableStr() note!: string | null;
  @Time() createdAt!: string;
}

/** A repeat merged into this ticket. */
export class TicketRepeat {
  @Int() id!: number;
  @Str() number!: string;
  @Time() receivedAt!: string;
  @Str() summary!: string;
}

export class TicketDetail {
  @Int() id!: number;
  @Str() number!: string;
  @NullableStr({ description: 'its number before 转交地市 (still found by the lookups)' }) formerNumber!: string | null;
  @NullableStr({ description: 'the city (cities.yaml) the ticket belongs to; null: the installation’s own desk' }) city!: string | null;
  @StrList({ description: '转交地市: the cities this user may hand the ticket to now (empty: none)' }) handToCities!: string[];
  @Enum(TICKET_STATUSES, 'TicketStatus') status!: string;
  @Str() statusLabel!: string;
  @Enum(CHANNELS, 'Channel') channel!: string;
  @NullableStr() source!: string | null;
  @NullableStr() externalId!: string | null;
  @NullableStr() subject!: string | null;
  @Str() text!: string;
  @NullableStr() address!: string | null;
  @Time() receivedAt!: string;
  @NullableStr() category!: string | null;
  @NullableStr() region!: string | null;
  @Enum(URGENCIES, 'Urgency') urgency!: string;
  @NullableEnum(DISPOSITIONS, 'Disposition') disposition!: string | null;
  @Bool() confidential!: boolean;
  @NullableEnum(OUTCOMES, 'Outcome') outcome!: string | null;
  @NullableEnum(RATINGS, 'Rating') rating!: string | null;
  @NullableInt() leadUnitId!: number | null;
  @NullableStr() leadUnit!: string | null;
  @NullableTime() replyDueAt!: string | null;
  @NullableTime() repliedAt!: string | null;
  @NullableTime() closedAt!: string | null;
  @NullableInt() mergedIntoId!: number | null;
  @Int() repeatCount!: number;
  @NullableInt() clusterId!: number | null;
  @NullableNested(UpstreamSync, { description: 'a ticket from an upstream platform with push-back: how far its events got there; otherwise null' })
  upstreamSync!: UpstreamSync | null;
  @NullableNested(Classification, { description: 'null for a unit user' }) classification!: Classification | null;
  @NullableNested(TicketRequester, { description: 'null when anonymous' }) requester!: TicketRequester | null;
  @ListOf(TicketAssignment) assignments!: TicketAssignment[];
  @ListOf(TicketEventView) events!: TicketEventView[];
  @ListOf(TicketDeadline) deadlines!: TicketDeadline[];
  @ListOf(TicketAttachment) attachments!: TicketAttachment[];
  @ListOf(TicketTask) tasks!: TicketTask[];
  @ListOf(TicketRepeat) repeats!: TicketRepeat[];
  @Enum(TICKET_ACCESS, 'TicketAccess', {
    description:
      'full; masked: a unit on a confidential ticket (personal data masked everywhere); former: a unit that no longer holds it (its own part only, no personal data)',
  })
  access!: string;
  @EnumList(OFFERED_ACTIONS, 'TicketAction', { description: 'what this user may do now and the server will accept (contact: 首次联系)' }) actions!: string[];
}

/** A signed download link: open it as is, before it expires. */
export class AttachmentLink {
  @Str({ example: '/api/attachments/12?expires=1767225600&masked=0&signature=…' }) url!: string;
  @Time() expiresAt!: string;
}

/** The ticket as stored, after an action. */
export class TicketRecord {
  @Int() id!: number;
  @Int() sourceId!: number;
  @Enum(CHANNELS, 'Channel') channel!: string;
  @NullableStr() externalId!: string | null;
  @Enum(TICKET_STATUSES, 'TicketStatus') status!: string;
  @NullableStr() subject!: string | null;
  @Str() text!: string;
  @NullableStr() address!: string | null;
  @Time() receivedAt!: string;
  @NullableStr() category!: string | null;
  @NullableStr() region!: string | null;
  @Enum(URGENCIES, 'Urgency') urgency!: string;
  @NullableEnum(DISPOSITIONS, 'Disposition') disposition!: string | null;
  @NullableInt() leadUnitId!: number | null;
  @NullableInt({ description: 'the desk (分中心, a unit) whose triage holds the ticket; null: the top desk' }) deskUnitId!: number | null;
  @NullableInt({ description: '包案: the leader (user id) who owns the matter' }) leaderId!: number | null;
  @NullableInt() requesterId!: number | null;
  @Bool() confidential!: boolean;
  @NullableInt() mergedIntoId!: number | null;
  @NullableInt() clusterId!: number | null;
  @Int() repeatCount!: number;
  @NullableNested(Classification) classification!: Classification | null;
  @NullableTime() dispatchedAt!: string | null;
  @NullableTime() acknowledgedAt!: string | null;
  @NullableTime() repliedAt!: string | null;
  @NullableTime() replyDueAt!: string | null;
  /** The reply deadline the sending system set (an upstream work order), kept as the lead unit's. */
  @NullableTime() externalDueAt!: string | null;
  @NullableTime() surveyedAt!: string | null;
  @NullableTime() closedAt!: string | null;
  @NullableEnum(OUTCOMES, 'Outcome') outcome!: string | null;
  @NullableEnum(RATINGS, 'Rating') rating!: string | null;
  @Int() returnCount!: number;
  @Int() extensionCount!: number;
  @Int() reopenCount!: number;
  @Bool({ description: "imported from a past year's records" }) imported!: boolean;
  @NullableStr() messageId!: string | null;
  @NullableInt({ description: 'the city’s unit (cities.yaml); null: the installation’s own desk' }) cityUnitId!: number | null;
  @NullableStr({ description: 'its number’s prefix when a city’s; null: HUB_TICKET_PREFIX' }) numberPrefix!: string | null;
  @NullableStr({ description: 'its number before 转交地市' }) formerNumber!: string | null;
  @Time() createdAt!: string;
  @Time() updatedAt!: string;
  @Int() version!: number;
}
