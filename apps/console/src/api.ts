import { ElMessage } from 'element-plus';
import { clearSession, session } from './session';
import { router } from './router';

/** An error from the API, with the status so callers can show an empty state on 404. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: '提交的内容有误', 403: '没有权限执行此操作', 404: '未找到', 409: '状态已变化，请刷新后重试',
  422: '操作被拒绝', 429: '操作过于频繁，请稍后再试', 500: '服务器内部错误', 502: '服务暂不可用', 503: '服务暂不可用',
};

function messageOf(status: number, body: unknown): string {
  const m = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(m)) return m.map(String).join('；');
  if (typeof m === 'string' && m) return m;
  return STATUS_TEXT[status] ?? `请求失败（${status}）`;
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
    res = await fetch(buildUrl(path, opts.query), { method: opts.method ?? 'GET', headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
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
    ElMessage.warning('登录已过期，请重新登录');
    void router.replace({ name: 'login', query: { next: router.currentRoute.value.fullPath } });
    throw new ApiError(401, messageOf(401, body));
  }
  if (!res.ok) {
    const msg = messageOf(res.status, body);
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
    let msg = STATUS_TEXT[res.status] ?? `下载失败（${res.status}）`;
    try {
      msg = messageOf(res.status, await res.json());
    } catch {
      /* not JSON */
    }
    ElMessage.error(res.status === 404 ? '报表功能尚未开放' : msg);
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
