/** One line of a record's card on a phone (RecordCards.vue): its label and what it shows. */
export interface CardField<T> {
  label: string;
  value: (row: T) => string;
  /** Across the card's whole width (long text: an error, a file name, a list of units). */
  wide?: boolean;
  /** Shown even when empty ('—'); otherwise an empty field is left out. */
  always?: boolean;
}
