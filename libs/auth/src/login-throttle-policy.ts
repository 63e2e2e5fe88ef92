/**
 * How failed logins slow down further tries (pure). Three counts, each forgetting after an hour
 * without a failure:
 * - per account and address: from the 5th failure each one doubles a pause from 5 s up to
 *   15 minutes. This stops one guesser on one account and touches nobody else.
 * - per account, from anywhere: from the 10th failure a pause from 5 s doubling, capped at 30 s. A
 *   stranger can make the owner wait at most that long, never lock them out; spread-out guessing
 *   is held to two tries a minute.
 * - per address, over all accounts: from the 50th failure a pause from 5 s up to 15 minutes. Only
 *   failures count, so an office of 30 behind one NAT logging in within a minute never meets it.
 * Unknown usernames are counted the same as existing ones: the answers do not tell them apart.
 */
export interface ThrottleRule {
  scope: 'account' | 'account-ip' | 'ip';
  /** The failure that brings the first pause. */
  pauseFrom: number;
  maxPauseSeconds: number;
}

export const THROTTLE_RULES: readonly ThrottleRule[] = [
  { scope: 'account-ip', pauseFrom: 5, maxPauseSeconds: 15 * 60 },
  { scope: 'account', pauseFrom: 10, maxPauseSeconds: 30 },
  { scope: 'ip', pauseFrom: 50, maxPauseSeconds: 15 * 60 },
];

/** A count whose last failure is older than this starts again. */
export const THROTTLE_FORGET_MS = 60 * 60_000;

/** The throttle keys of a login attempt (the username lower-cased; no address: no address keys). */
export function throttleKeys(username: string, ip: string | null | undefined): Array<{ rule: ThrottleRule; key: string }> {
  const user = username.trim().toLowerCase();
  const keyOf: Record<ThrottleRule['scope'], string | null> = {
    account: `account:${user}`,
    'account-ip': ip ? `account-ip:${user}|${ip}` : null,
    ip: ip ? `ip:${ip}` : null,
  };
  return THROTTLE_RULES.flatMap((rule) => (keyOf[rule.scope] ? [{ rule, key: keyOf[rule.scope]! }] : []));
}

/** Every key of an account, for an administrator's unlock: its own and its per-address ones. */
export function accountThrottleKeys(username: string): { keys: string[]; prefixes: string[] } {
  const user = username.trim().toLowerCase();
  return { keys: [`account:${user}`], prefixes: [`account-ip:${user}|`] };
}

/** The first pause; each further failure doubles it. */
const FIRST_PAUSE_SECONDS = 5;

/** Seconds of pause after the `failures`-th failure under the rule (0: none yet). */
export function pauseSeconds(rule: ThrottleRule, failures: number): number {
  const over = failures - rule.pauseFrom;
  if (over < 0) return 0;
  return Math.min(rule.maxPauseSeconds, FIRST_PAUSE_SECONDS * 2 ** Math.min(over, 20));
}

/** Chinese, as the login page shows it. */
export function throttledMessage(seconds: number): string {
  return seconds >= 90 ? `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试` : `登录失败次数过多，请 ${Math.max(1, Math.ceil(seconds))} 秒后再试`;
}
