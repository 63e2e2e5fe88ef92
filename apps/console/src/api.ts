import { ElMessage } from 'element-plus';
import { clearSession, session } from './session';
import { expiryNotice, loginNext } from './login-redirect';
import { router } from './router';
import { apiErrorText } from './api-errors';

/** An error from the API, with the status so callers can show an empty state on 404. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Do not pop an error message (the caller shows an empty state instead). */
  quiet?: boolean;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** Calls the API with the session token; a 401 ends the session and returns to the login page. */
export async function api<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    if (!opts.quiet) ElMessage.error('无法连接服务器，请检查网络');
    throw new ApiError(0, '无法连接服务器');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.status === 401 && !path.endsWith('/auth/login')) {
    clearSession();
    if (expiryNotice.first()) {
      ElMessage.warning('登录已过期，请重新登录');
      const cur = router.currentRoute.value;
      const next = loginNext(cur.fullPath, cur.query);
      void router.replace({ name: 'login', query: next ? { next } : {} });
    }
    throw new ApiError(401, apiErrorText(401, body));
  }
  if (!res.ok) {
    const msg = apiErrorText(res.status, body);
    if (!opts.quiet) ElMessage.error({ message: msg, duration: 5000, showClose: true });
    throw new ApiError(res.status, msg);
  }
  return body as T;
}

export const post = <T = unknown>(path: string, body: unknown = {}) => api<T>(path, { method: 'POST', body });

/** Fetches a file with the token and hands it to the browser as a download. */
export async function download(path: string, query: RequestOptions['query'], fallbackName: string): Promise<void> {
  const res = await fetch(buildUrl(path, query), { headers: session.token ? { Authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) {
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      /* not JSON */
    }
    ElMessage.error({ message: apiErrorText(res.status, body), duration: 5000, showClose: true });
    return;
  }
  const cd = res.headers.get('Content-Disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd) ?? /filename="?([^";]+)"?/i.exec(cd);
  const name = m ? decodeURIComponent(m[1]) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
