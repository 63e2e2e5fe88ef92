import { Injectable } from '@nestjs/common';
import { RetrainModelUseCase } from '@hub/classification';
import type { JobPayloads } from '@hub/queue';
import type { WorkerJob } from './worker-job';

/** Retrains the routing model from operators' decisions; it replaces the active one only if not worse. */
@Injectable()
export class ModelRetrainJob implements WorkerJob<'model-retrain'> {
  readonly name = 'model-retrain' as const;
  constructor(private readonly retrainModel: RetrainModelUseCase) {}

  async handle({ reason }: JobPayloads['model-retrain']) {
    return this.retrainModel.execute({ reason });
  }
}
