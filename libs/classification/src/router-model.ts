import type { LinearModelJson, LinearTrainOptions } from './model';
import type { UrgencyModelJson } from './urgency-model';

/** Metrics in the shape `hub model eval` prints (fractions 0–1). */
export interface EvalMetrics {
  items: number;
  category_accuracy: number;
  department_accuracy: number;
  region_accuracy: number;
  urgent_recall: number;
  urgent_precision: number;
  auto_precision: number;
  auto_coverage: number;
}

/** A persisted routing model: the linear model plus its calibration and auto thresholds. */
export interface RouterModelJson {
  format: 'hub-router/1';
  version: string;
  createdAt: string;
  /** Place names are masked out of the features (the gazetteer decides the region). */
  maskPlaces: boolean;
  linear: LinearModelJson;
  /** Softmax temperature fitted on out-of-fold predictions. */
  temperature: number;
  /**
   * Added to the logits of categories led by a unit the request names (希望城管部门…, see unit-mentions.ts),
   * fitted on out-of-fold likelihood; absent or 0: none (models saved before it).
   */
  unitMentionBonus?: number;
  /** Confidence above which an item is dispatched without an operator. */
  autoThreshold: number;
  /** Per-category thresholds where a category needed a stricter one. */
  categoryThresholds: Record<string, number>;
  /** Precision the thresholds were chosen for. */
  targetPrecision: number;
  trainedOn: { items: number; categories: number; sources?: string[] };
  /** Cross-validated metrics from training (out-of-fold), and the precision/coverage curve. */
  metrics: EvalMetrics | null;
  curve: CurvePoint[];
  options: LinearTrainOptions & { folds: number; unitWeight?: number };
  /** Urgency as a calibrated decision over the linear model's extra output, the signals and wording cues (absent: signals alone decide). */
  urgency?: UrgencyModelJson;
}

export interface CurvePoint {
  threshold: number;
  coverage: number;
  precision: number;
}
