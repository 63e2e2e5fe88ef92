import { Injectable } from '@nestjs/common';
import { SweepSmsOutboxUseCase } from '@hub/notify';
import type { WorkerJob } from './worker-job';

/** Reconciliation: SMS that are due (lost job, quiet hours over, dead sender) are queued again. */
@Injectable()
export class SmsSweepJob implements WorkerJob<'sms-sweep'> {
  readonly name = 'sms-sweep' as const;
  constructor(private readonly sweepSmsOutbox: SweepSmsOutboxUseCase) {}

  async handle() {
    return this.sweepSmsOutbox.execute();
  }
}
