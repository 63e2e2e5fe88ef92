import type { Urgency } from '@hub/domain';
import type { Directory } from './directory';
import { r4 } from './calibration';
import type { RouterModelJson } from './router-model';
import type { UrgencyDetector } from './urgency';
import { UrgencyScorer } from './urgency-model';

export interface UrgencyDecision {
  urgency: Urgency;
  /** Neither sure nor ruled out: an operator decides (疑似紧急); never dispatched without one. */
  suspected: boolean;
  /** Calibrated probability that the item is urgent (null: a model without urgency, the signals decided). */
  score: number | null;
  /** Alert the duty supervisor at once (a sensitive signal of urgency.yaml). */
  sensitive: boolean;
  signals: string[];
}

/** Urgency of an item: the model's calibrated decision with the signals as evidence, or the signals alone for a model saved before urgency was learned. */
export class UrgencyDecider {
  private readonly scorer: UrgencyScorer | null;
  /** 1 for the labels whose category has an `urgent_when`. */
  private readonly urgentWhen: Uint8Array;

  constructor(
    model: RouterModelJson,
    readonly detector: UrgencyDetector,
    labels: readonly string[],
    directory: Directory,
  ) {
    this.scorer = model.urgency ? new UrgencyScorer(model.urgency, detector.names) : null;
    this.urgentWhen = Uint8Array.from(labels, (c) => (directory.category(c)?.urgentWhen ? 1 : 0));
  }

  /** `textLogit`: the linear model's extra output for the text; `p`: its category probabilities. */
  decide(text: string, textLogit: number, p: ArrayLike<number>): UrgencyDecision {
    const found = this.detector.detect(text);
    if (!this.scorer) return { urgency: found.urgency, suspected: false, score: null, sensitive: found.sensitive, signals: found.signals };
    let mass = 0;
    for (let j = 0; j < this.urgentWhen.length; j++) if (this.urgentWhen[j]) mass += p[j];
    const score = this.scorer.probability({ textLogit, signals: found.signals, urgentCategory: mass, text });
    const decision = this.scorer.decide(score);
    return {
      urgency: decision === 'urgent' ? 'urgent' : 'normal',
      suspected: decision === 'suspected',
      score: r4(score),
      sensitive: found.sensitive,
      signals: found.signals,
    };
  }
}
