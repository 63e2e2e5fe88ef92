import type { RoutingDisposition, Urgency } from '@hub/domain';

export interface ClassifyInput {
  text: string;
  channel?: string | null;
  /** Address field of a form or letter, when there is one. */
  address?: string | null;
  /** Source name (e.g. 市长信箱). */
  source?: string | null;
}

export interface Suggestion {
  category: string;
  department: string | null;
  confidence: number;
}

export interface Classification {
  category: string;
  region: string | null;
  department: string | null;
  assistUnits: string[];
  urgency: Urgency;
  /** Urgency uncertain (疑似紧急): not urgent enough to alert, too likely to dispatch as normal; an operator decides. */
  urgencySuspected: boolean;
  /** Calibrated probability that the item is urgent (null: a model without urgency; the signals decided). */
  urgencyScore: number | null;
  /** Alert the duty supervisor at once. */
  sensitive: boolean;
  disposition: RoutingDisposition;
  /** Calibrated probability that the unit (or direct answer) is right. */
  confidence: number;
  /** Would be dispatched (or answered) without an operator. */
  auto: boolean;
  suggestions: Suggestion[];
  why: {
    matchedRules: Array<{ id: number | string; name: string }>;
    topTerms: string[];
    place: { name: string; region: string } | null;
    ambiguousPlaces: string[];
    urgencySignals: string[];
    /** Why the item waits for an operator, when it does. */
    notAuto?: string;
  };
}
