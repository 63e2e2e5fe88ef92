import { Inject, Injectable, Logger } from '@nestjs/common';
import { LabelledItem, ModelStore, pushModel, readLabelledJsonl, retrain, shippedTrainingFiles } from '@hub/classification';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { TRAINING_EXAMPLES, UnitOfWork } from '@hub/database';

/**
 * Learning from operators: every decision is a labelled example; a new model trained on them
 * (with the shipped examples) replaces the active one only if it is not worse on a held-back slice.
 */
@Injectable()
export class ModelRetrainService {
  private readonly log = new Logger('model');
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async run(reason: string) {
    const rows = await this.uow.read(TRAINING_EXAMPLES).latestLabelled(200_000);
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
