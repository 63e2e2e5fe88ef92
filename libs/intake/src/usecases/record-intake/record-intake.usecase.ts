import { Injectable } from '@nestjs/common';
import { INTAKE_SOURCES, UNITS, isDeadlock, isUniqueViolation, UnitOfWork, validateCommand } from '@hub/database';
import type { IntakeDraft, RecordedIntake } from '../../intake-draft';
import type { DraftWork } from './duplicate-keys';
import { RecordIntakeCommand } from './record-intake.command';
import { recordBatch } from './record-batch';
import { DEFAULT_RECEIPT_SETTINGS, type ReceiptSettings } from './receipts';

/** Drafts per transaction: a handful of multi-row statements each (45–61k rows/s on MariaDB here). */
const PER_TRANSACTION = 1000;
/** A batch that meets rows another process wrote meanwhile is done again (it then finds them). */
const ATTEMPTS = 6;

export interface RecordIntakeResult {
  /** One per draft, in order. */
  recorded: RecordedIntake[];
  /** Tickets made. */
  created: number;
  /** Drafts already recorded (a repeated export row, a letter seen before, a form posted again). */
  duplicates: number;
}

/**
 * The one way in for every channel (mailbox, hotline export, web/API): its drafts' raw input is
 * already archived; here, once for all, the duplicate keys are checked, intake items, tickets,
 * requesters and first events written, and classification queued after the commit.
 */
@Injectable()
export class RecordIntakeUseCase {
  /** Source rows are never deleted or renamed (the directory sync only adds), so an id once seen stays right. */
  private readonly sourceIds = new Map<string, number>();
  /** City units by name (their rows are never renamed either). */
  private readonly cityUnitIds = new Map<string, number>();

  constructor(
    private readonly uow: UnitOfWork,
    /** Numbers, the public URL and the clock for receipts (intakeUseCases passes the configured ones). */
    private readonly receipts: ReceiptSettings = DEFAULT_RECEIPT_SETTINGS,
  ) {}

  async execute(input: RecordIntakeCommand): Promise<RecordIntakeResult> {
    // An instance already: a batch's thousands of drafts are checked, not copied (no class-transformer walk).
    const command = validateCommand(RecordIntakeCommand, input instanceof RecordIntakeCommand ? input : Object.assign(new RecordIntakeCommand(), input));
    const { drafts } = command;
    await this.resolveSources(drafts);
    const size = command.oneTransaction ? Math.max(1, drafts.length) : PER_TRANSACTION;
    const batches: IntakeDraft[][] = [];
    for (let i = 0; i < drafts.length; i += size) batches.push(drafts.slice(i, i + size));
    if (!batches.length && command.alsoWrite) batches.push([]);

    const recorded: RecordedIntake[] = [];
    for (const batch of batches) {
      for (let attempt = 1; ; attempt++) {
        try {
          recorded.push(
            ...(await this.uow.run(async (tx) => {
              const out = await recordBatch(
                tx,
                batch.map((draft) => this.work(draft)),
                this.receipts,
              );
              await command.alsoWrite?.(tx, out);
              return out;
            })),
          );
          break;
        } catch (e) {
          // Another writer got some of the same keys in between our check and our insert, or two
          // batches' locks crossed: the batch is done again from the start.
          if (attempt >= ATTEMPTS || !(isUniqueViolation(e) || isDeadlock(e))) throw e;
        }
      }
    }
    return {
      recorded,
      created: recorded.filter((r) => r.created).length,
      duplicates: recorded.filter((r) => r.status === 'duplicate').length,
    };
  }

  private work(draft: IntakeDraft): DraftWork {
    return {
      draft,
      sourceId: this.sourceIds.get(draft.source) as number,
      skip: null,
      ticketId: null,
      created: false,
      reason: null,
      intakeItemId: null,
      sameAs: null,
      cityUnitId: draft.city ? (this.cityUnitIds.get(draft.city) ?? null) : null,
    };
  }

  /** Outside the transaction: a source made by a concurrent writer is then found, not fought over. */
  private async resolveSources(drafts: IntakeDraft[]): Promise<void> {
    const sources = this.uow.read(INTAKE_SOURCES);
    for (const d of drafts) {
      if (!this.sourceIds.has(d.source)) this.sourceIds.set(d.source, (await sources.ensure(d.source, d.channel)).id);
      if (d.city && !this.cityUnitIds.has(d.city)) {
        const unit = await this.uow.read(UNITS).findActiveByName(d.city);
        if (!unit) throw new Error(`城市 ${d.city} 不在单位名录中（cities.yaml 与单位同步）`);
        this.cityUnitIds.set(d.city, unit.id);
      }
    }
  }
}
