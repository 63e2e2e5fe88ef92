import type { Classification, Classifier } from './classifier';
import { precisionCoverageCurve, r4 } from './calibration';
import type { CurvePoint, EvalMetrics } from './router-model';
import type { LabelledItem } from './training-set';
import { urgencyCurve, type UrgencyCurvePoint } from './urgency-model';

/** Department and disposition right: what `auto` must get right. */
export function decisionCorrect(item: LabelledItem, c: Pick<Classification, 'department' | 'disposition'>): boolean {
  const disposition = item.disposition ?? (item.department ? 'dispatch' : 'direct_answer');
  return c.disposition === disposition && (disposition === 'direct_answer' || c.department === (item.department ?? null));
}

/** Metrics of classifications against labels (`hub model eval`). */
export function metricsOf(pairs: ReadonlyArray<{ item: LabelledItem; c: Classification }>): EvalMetrics {
  const n = pairs.length;
  let cat = 0,
    dep = 0,
    reg = 0,
    urgentTrue = 0,
    urgentPred = 0,
    urgentHit = 0,
    auto = 0,
    autoOk = 0;
  for (const { item, c } of pairs) {
    if (c.category === item.category) cat++;
    if ((c.department ?? null) === (item.department ?? null)) dep++;
    if ((c.region ?? null) === (item.region ?? null)) reg++;
    const u = item.urgency === 'urgent';
    if (u) urgentTrue++;
    if (c.urgency === 'urgent') {
      urgentPred++;
      if (u) urgentHit++;
    }
    if (c.auto) {
      auto++;
      if (decisionCorrect(item, c)) autoOk++;
    }
  }
  const f = (a: number, b: number, empty = 0) => (b ? r4(a / b) : empty);
  return {
    items: n,
    category_accuracy: f(cat, n),
    department_accuracy: f(dep, n),
    region_accuracy: f(reg, n),
    urgent_recall: f(urgentHit, urgentTrue, 1),
    urgent_precision: f(urgentHit, urgentPred, 1),
    auto_precision: f(autoOk, auto, 1),
    auto_coverage: f(auto, n),
  };
}

/** Urgency's precision and recall by threshold of its calibrated probability (a model without urgency: its decision, 0 or 1). */
export function urgencyCurveOf(pairs: ReadonlyArray<{ item: LabelledItem; c: Classification }>): UrgencyCurvePoint[] {
  return urgencyCurve(pairs.map(({ item, c }) => ({ p: c.urgencyScore ?? (c.urgency === 'urgent' ? 1 : 0), urgent: item.urgency === 'urgent' })));
}

/** Classifies labelled items and measures the result. */
export function evaluate(classifier: Classifier, items: readonly LabelledItem[]): EvalMetrics & { curve: CurvePoint[]; urgencyCurve: UrgencyCurvePoint[] } {
  const pairs = items.map((item) => ({ item, c: classifier.classify({ text: item.text, channel: item.channel, address: item.address }) }));
  const curve = precisionCoverageCurve(pairs.map(({ item, c }) => ({ confidence: c.confidence, correct: decisionCorrect(item, c) })));
  return { ...metricsOf(pairs), curve, urgencyCurve: urgencyCurveOf(pairs) };
}

/**
 * The gate for retraining: a new model replaces the old only if it is not worse on the same
 * held-back slice (department accuracy, and auto precision unless it auto-handles nothing).
 */
export function shouldReplace(next: EvalMetrics, current: EvalMetrics | null | undefined, tolerance = 0): boolean {
  if (!current || !current.items) return true;
  if (next.department_accuracy + tolerance < current.department_accuracy) return false;
  if (next.auto_coverage > 0 && current.auto_coverage > 0 && next.auto_precision + tolerance < current.auto_precision) return false;
  if (next.urgent_recall + tolerance < current.urgent_recall) return false;
  return true;
}
