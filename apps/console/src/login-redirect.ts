/**
 * Where the login page sends the user back to: the page they were on, never the login page
 * itself (so `next` never nests as `/login?next=/login?next=…`) and never another site.
 */
export function loginNext(path: string, query: Record<string, unknown> = {}): string | undefined {
  const inner = typeof query.next === 'string' ? query.next : undefined;
  const target = path === '/login' || path.startsWith('/login?') ? inner : path;
  if (!target || !target.startsWith('/') || target.startsWith('//') || target === '/') return undefined;
  return target.startsWith('/login') ? undefined : target;
}

/** Several requests refused at once after expiry: one 登录已过期 message and one redirect. */
export class ExpiryNotice {
  private shown = false;
  /** True the first time since the last login. */
  first(): boolean {
    if (this.shown) return false;
    this.shown = true;
    return true;
  }
  reset(): void {
    this.shown = false;
  }
}
export const expiryNotice = new ExpiryNotice();
