import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@hub/auth';
import { CHANNELS, TICKET_STATUSES } from '@hub/domain';
import { UnitRef } from '../auth/auth.responses';
import { TicketTask } from '../tickets/tickets.responses';
import { Bool, CountMap, Enum, Int, ListOf, NullableInt, NullableJson, NullableNested, NullableStr, NullableTime, Str, Time } from '../response-fields';

// What /api/admin/* and /api/tasks answer. Records are the stored rows, less what nobody may read
// (password hashes, mail bodies).

export class IntakeItem {
  @Int() id!: number;
  @Str({ description: 'mail, export_file or http' }) kind!: string;
  @Str() sourceName!: string;
  @NullableStr() mailbox!: string | null;
  @NullableStr() folder!: string | null;
  @NullableStr({ description: 'IMAP UIDVALIDITY (a 64-bit number, as text)' }) uidValidity!: string | null;
  @NullableInt() uid!: number | null;
  @NullableStr() messageId!: string | null;
  @Str({ description: 'the raw bytes, relative to HUB_DATA_DIR' }) rawPath!: string;
  @Str() sha256!: string;
  @Int() size!: number;
  @Str({ description: 'received, ticketed, threaded, ignored, quarantined or duplicate' }) status!: string;
  @NullableStr({ description: 'why it was quarantined or ignored' }) reason!: string | null;
  @NullableInt() ticketId!: number | null;
  @Int() attempts!: number;
  @NullableJson() summary!: Record<string, unknown> | null;
  @Time() createdAt!: string;
  @Time() updatedAt!: string;
}

export class IntakeItemPage {
  @Int() total!: number;
  @ListOf(IntakeItem) items!: IntakeItem[];
}

export class RerunQueued {
  @Bool() queued!: boolean;
  @Int() intakeItemId!: number;
}

export class MailboxState {
  @Int() id!: number;
  @Str() mailbox!: string;
  @Str() folder!: string;
  @NullableStr() uidValidity!: string | null;
  @Int() lastUid!: number;
  @NullableTime() lastPollAt!: string | null;
  @NullableTime() lastSuccessAt!: string | null;
  @NullableTime() lastMailAt!: string | null;
  @NullableStr() lastError!: string | null;
  @Int() consecutiveFailures!: number;
  @Str({ description: 'ok, failing, silent or unknown' }) status!: string;
  @NullableTime() alertedAt!: string | null;
  @NullableStr() alertKind!: string | null;
  @Time() updatedAt!: string;
}

/** A configured mailbox (never its password) and its health. */
export class MailboxView {
  @Str() name!: string;
  @Str() host!: string;
  @Int() port!: number;
  @Str() user!: string;
  @Str() folder!: string;
  @Bool() idle!: boolean;
  @Int() pollIntervalSeconds!: number;
  @NullableNested(MailboxState, { description: 'null until first polled' }) state!: MailboxState | null;
}

export class ExportSourceView {
  @Str() name!: string;
  @NullableStr({ description: 'the folder scanned for new files' }) watch!: string | null;
  @NullableStr({ description: 'the hotline line of every row, when no column says it' }) line!: string | null;
}

export class ImportFile {
  @Int() id!: number;
  @Str({ description: 'hotline or history' }) kind!: string;
  @Str() sourceName!: string;
  @Str() fileName!: string;
  @Str() archivePath!: string;
  @Str() sha256!: string;
  @Str({ description: 'running, done, failed, unreadable or interrupted' }) status!: string;
  @Int() rows!: number;
  @Int() imported!: number;
  @Int() duplicates!: number;
  @Int() rejected!: number;
  @NullableStr() rejectsPath!: string | null;
  @NullableStr() error!: string | null;
  @NullableTime() finishedAt!: string | null;
  @Time() createdAt!: string;
}

export class ImportsOverview {
  @ListOf(ExportSourceView) sources!: ExportSourceView[];
  @ListOf(ImportFile, { description: 'the latest 100' }) imports!: ImportFile[];
}

export class UploadQueued {
  @Bool() queued!: boolean;
  @Str() file!: string;
}

export class UserView {
  @Int() id!: number;
  @Str() username!: string;
  @Str() displayName!: string;
  @Enum(ROLES, 'Role') role!: string;
  @NullableStr() email!: string | null;
  @Bool() active!: boolean;
  @Int({ description: 'failed logins counted against the account now paused (0 when it is not)' }) failedLogins!: number;
  @NullableTime({ description: 'until when logins to it are paused (from some address or all); POST …/unlock lifts it' }) lockedUntil!: string | null;
  @NullableTime() lastLoginAt!: string | null;
  @Bool({ description: 'an administrator set its password; the user must choose their own at the next login' }) mustChangePassword!: boolean;
  @NullableInt({ description: "an operator's, supervisor's or leader's scope: the unit whose sub-tree it works (null: the whole installation)" })
  scopeUnitId!: number | null;
  @Time() createdAt!: string;
  @ListOf(UnitRef) units!: UnitRef[];
}

export class UserUnlocked {
  @Int() id!: number;
  @Str() username!: string;
  @Int({ description: 'login pauses lifted' }) cleared!: number;
}

export class UserCreated {
  @Int() id!: number;
  @Str() username!: string;
}

export class UserUpdated {
  @Int() id!: number;
  @Bool() updated!: boolean;
}

export class RoutingRule {
  @Int() id!: number;
  @Str() name!: string;
  @Int({ description: 'higher first' }) priority!: number;
  @Bool() enabled!: boolean;
  @NullableJson({ description: 'e.g. {"keywords":["燃气"],"channel":"hotline","region":"东湖区"}' }) conditions!: Record<string, unknown> | null;
  @NullableJson({ description: 'e.g. {"category":"城乡建设/燃气安全","urgency":"urgent"}' }) actions!: Record<string, unknown> | null;
  @Int() version!: number;
  @NullableStr() updatedBy!: string | null;
  @Time() updatedAt!: string;
}

export class RuleDisabled {
  @Bool() disabled!: boolean;
}

export class FailedJob {
  @ApiProperty({ type: String, required: false }) id?: string;
  @Str() name!: string;
  @Str() reason!: string;
  @NullableTime() at!: string | null;
}

export class QueueView {
  @Str() name!: string;
  @CountMap({ description: 'jobs per state: waiting, active, delayed, completed, failed' }) counts!: Record<string, number>;
  @ListOf(FailedJob, { description: 'the latest five' }) recentFailures!: FailedJob[];
}

/** An outbox row without its body. */
export class OutboxMail {
  @Int() id!: number;
  @Str({ description: 'dispatch, reminder, answer, alert or digest' }) kind!: string;
  @Str() to!: string;
  @Str() subject!: string;
  @Str({ description: 'pending, sending, sent or failed' }) status!: string;
  @Int() attempts!: number;
  @NullableStr() lastError!: string | null;
  @Time() createdAt!: string;
  @NullableTime() sentAt!: string | null;
  @NullableInt() ticketId!: number | null;
}

export class MailQueued {
  @Bool() queued!: boolean;
}

export class AuditEntry {
  @Int() id!: number;
  @NullableInt() userId!: number | null;
  @NullableStr() username!: string | null;
  @Str() action!: string;
  @Str() method!: string;
  @Str() path!: string;
  @Int({ description: 'the HTTP status answered' }) status!: number;
  @NullableStr() ip!: string | null;
  @Time() at!: string;
  @NullableJson() detail!: Record<string, unknown> | null;
}

export class TicketRef {
  @Int() id!: number;
  @Str() number!: string;
  @Enum(TICKET_STATUSES, 'TicketStatus') status!: string;
}

/** A collective matter or hot topic (集体访 / 热点) and its tickets. */
export class ClusterView {
  @Int() id!: number;
  @Str() key!: string;
  @NullableStr() category!: string | null;
  @NullableStr() region!: string | null;
  @Str() title!: string;
  @Time() firstAt!: string;
  @Time() lastAt!: string;
  @Int() ticketCount!: number;
  @Int() requesterCount!: number;
  @Str({ description: 'open, flagged or closed' }) status!: string;
  @NullableTime() flaggedAt!: string | null;
  @ListOf(TicketRef) tickets!: TicketRef[];
}

export class TaskTicket {
  @Int() id!: number;
  @Str() number!: string;
  @Enum(TICKET_STATUSES, 'TicketStatus') status!: string;
  @Str({ description: 'the first 80 characters of the text' }) summary!: string;
  @Enum(CHANNELS, 'Channel') channel!: string;
}

/** A call-back or follow-up (回访) task with its ticket. */
export class TaskView extends TicketTask {
  @NullableNested(TaskTicket) ticket!: TaskTicket | null;
}
