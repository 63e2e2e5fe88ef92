export interface DigestResult {
  day: string;
  /** Overdue deadlines listed. */
  items: number;
  /** Unit digests written now (a key already there is not written again). */
  units: number;
  supervisors: number;
  /** Keys that were already there (another worker, an earlier run). */
  duplicates: number;
  mails: number;
}
