import { passwordProblems } from './password-rules';

describe('password rules', () => {
  it('accepts a long password of two kinds of characters', () => {
    expect(passwordProblems('correct horse 7', 'wang')).toEqual([]);
    expect(passwordProblems('long-enough-1')).toEqual([]);
  });

  it('says in Chinese what is wrong with a short, one-kind, common or username password', () => {
    expect(passwordProblems('hub12345')).toEqual(['密码至少 10 个字符', '密码过于常见，请换一个不易猜到的']);
    expect(passwordProblems('abcdefghijkl')).toEqual(['密码须包含字母、数字、符号中的至少两类']);
    expect(passwordProblems('Password123!')).toEqual(['密码过于常见，请换一个不易猜到的']);
    expect(passwordProblems('wang.li-2025', 'wang.li')).toEqual(['密码不能包含用户名']);
  });
});
