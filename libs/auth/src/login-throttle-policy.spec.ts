import { accountThrottleKeys, pauseSeconds, THROTTLE_RULES, throttleKeys, throttledMessage } from './login-throttle-policy';

const rule = (scope: string) => THROTTLE_RULES.find((r) => r.scope === scope)!;

describe('login throttle policy', () => {
  it('pauses one address on one account 5 s at the fifth failure, doubling up to 15 minutes', () => {
    expect([4, 5, 6, 7, 12, 40].map((n) => pauseSeconds(rule('account-ip'), n))).toEqual([0, 5, 10, 20, 640, 900]);
  });

  it('never holds an account longer than 30 seconds, whoever fails on it', () => {
    expect([9, 10, 11, 12, 16, 1000].map((n) => pauseSeconds(rule('account'), n))).toEqual([0, 5, 10, 20, 30, 30]);
  });

  it('gives an address 49 failures before any pause', () => {
    expect(pauseSeconds(rule('ip'), 49)).toBe(0);
    expect(pauseSeconds(rule('ip'), 51)).toBe(10);
  });

  it('keys an attempt by account, account and address, and address; the username in lower case', () => {
    expect(throttleKeys('Admin', '10.0.0.9').map((k) => k.key)).toEqual(['account-ip:admin|10.0.0.9', 'account:admin', 'ip:10.0.0.9']);
    expect(throttleKeys('admin', null).map((k) => k.key)).toEqual(['account:admin']);
    expect(accountThrottleKeys('Admin')).toEqual({ keys: ['account:admin'], prefixes: ['account-ip:admin|'] });
  });

  it('says how long to wait in seconds, or minutes when it is long', () => {
    expect(throttledMessage(4.2)).toBe('登录失败次数过多，请 5 秒后再试');
    expect(throttledMessage(900)).toBe('登录失败次数过多，请 15 分钟后再试');
  });
});
