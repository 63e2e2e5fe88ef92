import { readFile } from 'fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig, type MailboxConfig } from '@hub/config';
import { INTAKE_ITEMS, UnitOfWork, UseCaseError, validateCommand } from '@hub/database';
import type { LetterPreparer } from '../../mailbox/letter-preparer';
import type { LetterRecorder } from '../../mailbox/letter-recorder';
import type { RecordIntakeUseCase } from '../record-intake/record-intake.usecase';
import { ReparseLetterCommand } from './reparse-letter.command';

export interface ReparseResult {
  intakeItemId: number;
  status: string;
  ticketId: number | null;
  reason: string | null;
  /** True when the item had already become a ticket or reply: nothing was done. */
  unchanged: boolean;
}

export class IntakeItemNotFoundError extends UseCaseError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/**
 * Runs a recorded letter (quarantined, or ignored by mistake) through the pipeline again from its
 * raw bytes, after a fix. A letter that already became a ticket or a reply is left alone.
 */
@Injectable()
export class ReparseLetterUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly preparer: LetterPreparer,
    private readonly recorder: LetterRecorder,
    private readonly record: RecordIntakeUseCase,
  ) {}

  async execute(input: ReparseLetterCommand): Promise<ReparseResult> {
    const { intakeItemId } = validateCommand(ReparseLetterCommand, input);
    const items = this.uow.read(INTAKE_ITEMS);
    const item = await items.findById(intakeItemId);
    if (!item || item.kind !== 'mail') throw new IntakeItemNotFoundError(`intake item ${intakeItemId} is not a recorded letter`);
    const unchanged = (): ReparseResult => ({ intakeItemId, status: item.status, ticketId: item.ticketId, reason: item.reason, unchanged: true });
    if (!['quarantined', 'received', 'ignored'].includes(item.status)) return unchanged();
    const mailboxName = item.mailbox ?? item.sourceName;
    // A mailbox since removed from the config still has its letters re-run, with default limits.
    const mb =
      this.config.mailboxes.mailboxes.find((m) => m.name === mailboxName) ??
      ({ name: mailboxName, folder: item.folder ?? 'INBOX', maxAttachmentBytes: 20 * 1024 * 1024, user: '', after: 'seen' } as MailboxConfig);
    const source = await readFile(await this.preparer.rawPath(item.rawPath));
    const prepared = await this.preparer.prepare(mb, source, item.uid, item.messageId ?? undefined);
    const [draft] = await this.recorder.drafts(
      { name: mailboxName, folder: item.folder ?? mb.folder },
      item.uidValidity === null ? null : String(item.uidValidity),
      [prepared],
      { intakeItemId: item.id, status: item.status, attempts: item.attempts },
    );
    const {
      recorded: [r],
    } = await this.record.execute({ drafts: [draft] });
    const after = await items.findById(item.id);
    if (!after) throw new IntakeItemNotFoundError(`intake item ${intakeItemId} is gone`);
    return { intakeItemId, status: after.status, ticketId: after.ticketId, reason: after.reason, unchanged: r.status === 'unchanged' };
  }
}
