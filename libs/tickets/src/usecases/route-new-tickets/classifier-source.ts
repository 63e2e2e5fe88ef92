import { Classifier, ModelStore } from '@hub/classification';
import type { HubConfig } from '@hub/config';

export const CLASSIFIER_SOURCE = Symbol('CLASSIFIER_SOURCE');
/** Where the current classifier comes from (the active model under HUB_DATA_DIR, reloaded when it changes). */
export interface ClassifierSource {
  get(): Classifier;
}

/** Loads the active model from HUB_DATA_DIR and reloads it when another process trains a new one. */
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
      const active = new ModelStore(this.config.env.dataDir).activeVersion();
      if (!this.current || (active && active !== this.current.model.version)) this.current = this.ensure(this.config);
    }
    return this.current;
  }
}
