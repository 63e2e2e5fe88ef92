/** Stages whose limit binds nobody to act (the return window only closes a door): no mails, not in digests. */
export const SILENT_STAGES = ['return_window'];

/** The outbox key of a reminder's mail (digests use their own key as is). */
export const reminderOutboxKey = (key: string): string => `reminder-${key}`;
