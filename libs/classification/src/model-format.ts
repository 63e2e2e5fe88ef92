/** The saved form of a LinearModel and the options it is trained with. */
export interface LinearModelJson {
  bits: number;
  labels: string[];
  /** Base64 Int32Array: the hash bucket of each weight row. */
  buckets: string;
  /** Base64 Float32Array, rows × labels (empty when `sparse` holds the weights). */
  weights: string;
  /** Non-zero weights by row (pruned models): base64 Int32Array row starts (rows + 1), Uint16Array label indexes, Float32Array values. */
  sparse?: { starts: string; cols: string; vals: string };
  /** Base64 Float32Array: inverse document frequency of each row. */
  idf: string;
  /** Idf of n-grams never seen in training (they still count in the length normalisation). */
  unseenIdf: number;
  bias: number[];
  /** Longest n-gram (3 when absent: models saved before 4-grams). */
  maxN?: number;
  /** Request-clause n-grams are features of their own (absent: models saved before them). */
  cues?: boolean;
  /**
   * Base64 Float32Array, one weight per row: a second, one-output linear model over the same features (the
   * urgency text model), scored in the same pass (`extraScore`). Absent: none.
   */
  extra?: string;
  extraBias?: number;
}

export interface LinearTrainOptions {
  bits?: number;
  epochs?: number;
  /** L2 penalty per example step. */
  l2?: number;
  learningRate?: number;
  seed?: number;
  /** Features seen in fewer training items are dropped (smaller model, less noise). */
  minCount?: number;
  /** Longest character n-gram (3 or 4). */
  maxN?: number;
  /** Add the 2–3-grams of request clauses (希望…, 请求…) as features of their own. */
  cues?: boolean;
  /** Weights smaller than this (in absolute value) are dropped after training: faster scoring, smaller file. */
  prune?: number;
  /** 'sgd': plain SGD with a decaying rate (default); 'adagrad'. */
  optimizer?: 'sgd' | 'adagrad';
}

export interface SparseItem {
  rows: Int32Array;
  vals: Float32Array;
}
