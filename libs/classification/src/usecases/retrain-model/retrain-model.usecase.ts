import { Inject, Injectable, Logger } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { TRAINING_EXAMPLES, UnitOfWork, validateCommand } from '@hub/database';
import { pushModel } from '../../shared-models';
import { ModelStore, readLabelledJsonl, shippedTrainingFiles } from '../../store';
import { retrain } from '../../retrain';
import type { LabelledItem } from '../../training-set';
import { RetrainModelCommand } from './retrain-model.command';

/** Operators' decisions read back for learning (at most this many, newest first). */
const LEARNED_LIMIT = 200_000;

export type RetrainModelResult =
  | { replaced: false; reason: string }
  | {
      replaced: boolean;
      version: string;
      examples: number;
      reason: string;
      newDepartmentAccuracy: number;
      oldDepartmentAccuracy: number | null;
    };

/**
 * Learning from operators: every decision is a labelled example; a new model trained on them (with
 * the shipped examples) replaces the active one only if it is not worse on a held-back slice.
 */
@Injectable()
export class RetrainModelUseCase {
  private readonly log = new Logger('model');

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async execute(input: RetrainModelCommand): Promise<RetrainModelResult> {
    const { reason } = validateCommand(RetrainModelCommand, input);
    const rows = await this.uow.read(TRAINING_EXAMPLES).latestLabelled(LEARNED_LIMIT);
    const learned: LabelledItem[] = rows.map((r) => ({
      id: `te-${r.id}`,
      channel: r.channel,
      text: r.text,
      category: r.category as string,
      region: r.region,
      department: r.department,
      urgency: r.urgency === 'urgent' ? 'urgent' : 'normal',
      disposition: r.disposition === 'direct_answer' ? 'direct_answer' : 'dispatch',
    }));
    if (!learned.length) return { replaced: false, reason: 'no operator decisions to learn from yet' };
    const shipped = shippedTrainingFiles(this.config.env.configDir).flatMap(readLabelledJsonl);
    const store = new ModelStore(this.config.env.dataDir);
    const result = retrain([...shipped, ...learned], store.active(), this.config);
    store.save(result.model, { activate: result.replace });
    await pushModel(this.config, store, result.model.version);
    const summary = {
      replaced: result.replace,
      version: result.model.version,
      examples: shipped.length + learned.length,
      reason,
      newDepartmentAccuracy: result.newMetrics.department_accuracy,
      oldDepartmentAccuracy: result.oldMetrics?.department_accuracy ?? null,
    };
    this.log.log(`retrained (${reason}): ${JSON.stringify(summary)}`);
    return summary;
  }
}
