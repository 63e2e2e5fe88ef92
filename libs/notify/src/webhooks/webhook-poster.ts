/** One HTTP POST of a webhook body: a port, so specs need no server. */
export interface WebhookPoster {
  post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<{ status: number; text: string }>;
}
export const WEBHOOK_POSTER = Symbol('WEBHOOK_POSTER');

/** Node's fetch; a receiver that does not answer in time is a failed try like a 5xx. */
export class FetchWebhookPoster implements WebhookPoster {
  async post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<{ status: number; text: string }> {
    const res = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text().catch(() => '');
    return { status: res.status, text: text.slice(0, 500) };
  }
}
