/**
 * Retries `fn` with growing waits until it succeeds or the budget is spent. A sender that has
 * handed a message to its gateway must record "sent" even while the database restarts, or the
 * message would be sent again after the claim's lease.
 */
export async function retryWhileDatabaseAway(budgetMs: number, fn: () => Promise<void>): Promise<void> {
  const until = Date.now() + budgetMs;
  for (let wait = 500; ; wait = Math.min(wait * 2, 15_000)) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() + wait > until) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
