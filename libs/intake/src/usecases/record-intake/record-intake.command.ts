import { IsArray, IsBoolean, IsOptional, ValidateBy } from 'class-validator';
import type { Transaction } from '@hub/database';
import { CHANNELS } from '@hub/domain';
import type { IntakeDraft, RecordedIntake } from '../../intake-draft';
import { IsCallback } from '../callback-field';

const RAW_KINDS = ['mail', 'http', 'export_file'];
const DISPOSITIONS = ['ticket', 'reply', 'ignored', 'quarantined'];
const isTime = (d: unknown) => d instanceof Date && !Number.isNaN(d.getTime());

/** What is wrong with one draft, naming the field; null when nothing. A loop, not nested validators: a batch holds thousands. */
export function draftProblem(d: IntakeDraft, at: string): string | null {
  if (!d || typeof d !== 'object') return `${at} must be an intake draft`;
  if (!(CHANNELS as readonly string[]).includes(d.channel)) return `${at}.channel must be one of ${CHANNELS.join(', ')}`;
  if (typeof d.source !== 'string' || !d.source.trim() || d.source.length > 100) return `${at}.source must name a source (at most 100 characters)`;
  if (!isTime(d.receivedAt)) return `${at}.receivedAt must be a time`;
  if (typeof d.text !== 'string') return `${at}.text must be a string`;
  const kind = d.disposition?.kind ?? 'ticket';
  if (!DISPOSITIONS.includes(kind)) return `${at}.disposition must be one of ${DISPOSITIONS.join(', ')}`;
  if (kind === 'ticket' && !d.text.trim()) return `${at}.text must not be empty`;
  if (d.desk != null && !(Number.isInteger(d.desk) && d.desk > 0)) return `${at}.desk must be a unit id`;
  if (d.disposition?.kind === 'reply' && !Number.isInteger(d.disposition.ticketId)) return `${at}.disposition.ticketId must be a ticket id`;
  if (!d.raw || !RAW_KINDS.includes(d.raw.kind)) return `${at}.raw must say where the original is kept (${RAW_KINDS.join(', ')})`;
  if (d.raw.kind !== 'export_file' && typeof d.raw.archived?.path !== 'string') return `${at}.raw.archived must be the archived original`;
  return null;
}

export class RecordIntakeCommand {
  /** In the order they came in. */
  @IsArray()
  @ValidateBy({
    name: 'intakeDrafts',
    validator: {
      validate: (drafts: IntakeDraft[]) => Array.isArray(drafts) && drafts.every((d, i) => draftProblem(d, `drafts[${i}]`) === null),
      defaultMessage: (args) => {
        const drafts = args?.value as IntakeDraft[];
        return drafts.map((d, i) => draftProblem(d, `drafts[${i}]`)).find((p) => p !== null) ?? 'drafts must be intake drafts';
      },
    },
  })
  drafts!: IntakeDraft[];

  /** All drafts in one transaction, not 1,000 at a time: the channel's own state moves with them (the mailbox cursor). */
  @IsOptional() @IsBoolean() oneTransaction?: boolean;

  /** Written in each transaction with the drafts (the mailbox cursor); runs once even with no drafts. */
  @IsOptional()
  @IsCallback()
  alsoWrite?: (tx: Transaction, recorded: RecordedIntake[]) => Promise<void>;
}
