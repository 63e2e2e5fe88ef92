import type { components } from '../api/generated/schema';

export type PublicStatus = components['schemas']['PublicTicketStatusView'];
export type SurveyLinkState = components['schemas']['SurveyLinkStateView'];

/** The API's refusal in words a citizen can act on (the API writes them in Chinese). */
export class PublicError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) } });
  } catch {
    throw new PublicError(0, '网络连接失败，请检查网络后重试');
  }
  const body = (await res.json().catch(() => null)) as { message?: unknown } | null;
  if (!res.ok) {
    const m = body?.message;
    throw new PublicError(res.status, (Array.isArray(m) ? m[0] : typeof m === 'string' ? m : null) ?? '服务暂时不可用，请稍后再试');
  }
  return body as T;
}

export const lookUp = (number: string, code: string) =>
  call<PublicStatus>(`/api/public/tickets/${encodeURIComponent(number.trim())}?code=${encodeURIComponent(code.trim())}`);
export const readSurvey = (token: string) => call<SurveyLinkState>(`/api/public/surveys/${encodeURIComponent(token)}`);
export const answerSurvey = (token: string, answer: { contacted: string; resolved: string; rating: string; comment?: string }) =>
  call<{ status: string }>(`/api/public/surveys/${encodeURIComponent(token)}`, { method: 'POST', body: JSON.stringify(answer) });
