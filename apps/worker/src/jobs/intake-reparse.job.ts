import { Injectable } from '@nestjs/common';
import { ReparseLetterUseCase } from '@hub/intake';
import type { JobPayloads } from '@hub/queue';
import type { WorkerJob } from './worker-job';

/** Runs a quarantined (or wrongly ignored) letter through the pipeline again after a fix. */
@Injectable()
export class IntakeReparseJob implements WorkerJob<'intake-reparse'> {
  readonly name = 'intake-reparse' as const;
  constructor(private readonly reparseLetter: ReparseLetterUseCase) {}

  async handle({ intakeItemId }: JobPayloads['intake-reparse']) {
    return this.reparseLetter.execute({ intakeItemId });
  }
}
