/** Stages whose limit binds nobody to act (the return window only closes a door): no mails, not in digests. */
export const SILENT_STAGES = ['return_window'];
