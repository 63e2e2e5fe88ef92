/**
 * What a new password must be (pure), in Chinese as the console shows it. Long rather than
 * clever: at least 10 characters of at least two kinds (letters, digits, other), not the
 * username, not one of the passwords every guesser tries first.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

const COMMON = [
  'hub12345',
  'password',
  'passw0rd',
  'qwerty',
  'abc123',
  'admin',
  'welcome',
  'iloveyou',
  '123456',
  '12345678',
  '1234567890',
  '88888888',
  '11111111',
  'a123456',
];

export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`密码至少 ${PASSWORD_MIN_LENGTH} 个字符`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`密码最多 ${PASSWORD_MAX_LENGTH} 个字符`);
  const kinds = [/[A-Za-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 2) problems.push('密码须包含字母、数字、符号中的至少两类');
  const lower = password.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  if (COMMON.some((c) => lower.replace(/[^a-z0-9]/g, '').startsWith(c) && lower.length <= c.length + 4) || /^(.)\1+$/.test(password)) {
    problems.push('密码过于常见，请换一个不易猜到的');
  }
  return problems;
}
