import { Classifier, ModelStore, pullActiveModel } from '@hub/classification';
import type { HubConfig } from '@hub/config';

export const CLASSIFIER_SOURCE = Symbol('CLASSIFIER_SOURCE');
/** Where the current classifier comes from (the active model under HUB_DATA_DIR, reloaded when it changes). */
export interface ClassifierSource {
  get(): Classifier;
}

/**
 * Loads the active model from HUB_DATA_DIR and reloads it when another process trains a new one;
 * with a shared bucket (HUB_STORAGE_URL) it also takes, in the background, a model another host
 * made active (the next call uses it).
 */
export class ActiveModelClassifierSource implements ClassifierSource {
  private current: Classifier | null = null;
  private checkedAt = 0;

  constructor(
    private readonly config: HubConfig,
    private readonly ensure: (config: HubConfig) => Classifier,
  ) {}

  get(): Classifier {
    const now = Date.now();
    if (!this.current || now - this.checkedAt > 30_000) {
      this.checkedAt = now;
      const store = new ModelStore(this.config.env.dataDir);
      if (this.config.env.storage.kind !== 'local')
        void pullActiveModel(this.config, store).then(
          (changed) => changed && (this.checkedAt = 0),
          () => undefined, // the bucket away: the model in use stays, the next check tries again
        );
      const active = store.activeVersion();
      if (!this.current || (active && active !== this.current.model.version)) this.current = this.ensure(this.config);
    }
    return this.current;
  }
}
