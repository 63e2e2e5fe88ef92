import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_VIEWS, UnitOfWork, UseCaseError, validateCommand } from '@hub/database';
import { JOB_PRODUCER, JobProducer } from '@hub/queue';
import { RerunIntakeItemCommand } from './rerun-intake-item.command';

/**
 * Parses a (quarantined) intake item again from its raw bytes, after a fix: the worker's
 * intake-reparse job does it. Queued directly: the administrator hears when the queue is down.
 */
@Injectable()
export class RerunIntakeItemUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
  ) {}

  async execute(input: RerunIntakeItemCommand): Promise<{ queued: true; intakeItemId: number }> {
    const { intakeItemId } = validateCommand(RerunIntakeItemCommand, input);
    if (!(await this.uow.read(ADMIN_VIEWS).intakeItem(intakeItemId))) throw new UseCaseError('NOT_FOUND', `intake item ${intakeItemId} not found`);
    await this.jobs.add('intake-reparse', { intakeItemId });
    return { queued: true, intakeItemId };
  }
}
