/** #17 sessions: after expiry one clean redirect (no nested next=) and one 登录已过期 message. */
import { ExpiryNotice, loginNext } from '../../apps/console/src/login-redirect';

describe('console session redirect', () => {
  it('sends the user back to the page they were on, never nesting the login page', () => {
    expect(loginNext('/triage')).toBe('/triage');
    expect(loginNext('/tickets/12?tab=events')).toBe('/tickets/12?tab=events');
    // Expired while on the login page (a second refused request): the original target stays, not /login?next=/login?next=…
    expect(loginNext('/login?next=%2Ftriage', { next: '/triage' })).toBe('/triage');
    expect(loginNext('/login', {})).toBeUndefined();
    expect(loginNext('/login?next=/login', { next: '/login?next=/triage' })).toBeUndefined();
    expect(loginNext('/')).toBeUndefined();
    expect(loginNext('/login', { next: '//evil.example' })).toBeUndefined();
  });

  it('shows 登录已过期 once for many refused requests, and again after the next login', () => {
    const n = new ExpiryNotice();
    expect([n.first(), n.first(), n.first()]).toEqual([true, false, false]);
    n.reset();
    expect(n.first()).toBe(true);
  });
});
