/** One line of a record's card on a phone (RecordCards.vue): its label and what it shows. */
export interface CardField<T> {
  label: string;
  value: (row: T) => string;
  /** Across the card's whole width (long text: an error, a file name, a list of units). */
  wide?: boolean;
  /** Shown even when empty ('—'); otherwise an empty field is left out. */
  always?: boolean;
  /** Links shown instead of the value when there are any (ticket numbers that open their ticket). */
  links?: (row: T) => CardLink[];
}

/** A link in a card or cell: the text and the console route it opens. */
export interface CardLink {
  text: string;
  to: string;
}
