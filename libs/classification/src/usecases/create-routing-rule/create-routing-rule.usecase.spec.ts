import { InMemoryRoutingRuleRepository, InMemoryUnitOfWork, ROUTING_RULES } from '@hub/database';
import { CreateRoutingRuleUseCase } from '../create-routing-rule/create-routing-rule.usecase';
import { DisableRoutingRuleUseCase } from '../disable-routing-rule/disable-routing-rule.usecase';
import { UpdateRoutingRuleUseCase } from '../update-routing-rule/update-routing-rule.usecase';

function setUp() {
  const rules = new InMemoryRoutingRuleRepository();
  const uow = new InMemoryUnitOfWork().provide(ROUTING_RULES, rules);
  return { rules, create: new CreateRoutingRuleUseCase(uow), update: new UpdateRoutingRuleUseCase(uow), disable: new DisableRoutingRuleUseCase(uow) };
}
const gas = { name: '燃气泄漏', conditions: { keywords: ['燃气'] }, actions: { category: '城乡建设/燃气安全', urgency: 'urgent' } };

describe('create a routing rule', () => {
  it('adds a rule enabled at priority 100 as version 1, naming who wrote it', async () => {
    const { create } = setUp();
    expect(await create.execute({ ...gas, by: 'admin' })).toMatchObject({ id: 1, ...gas, priority: 100, enabled: true, version: 1, updatedBy: 'admin' });
  });
});

describe('a routing rule is checked before it is saved', () => {
  const refused = async (conditions: Record<string, unknown>, actions: Record<string, unknown> = { urgency: 'urgent' }) => {
    const { create, rules } = setUp();
    const error = await create.execute({ name: '坏规则', conditions, actions, by: 'admin' }).catch((e: Error) => e);
    expect(await rules.listByPriority()).toEqual([]);
    return error;
  };

  it('refuses keywords given as a string, naming the field', async () => {
    expect(await refused({ keywords: '路灯' })).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('conditions.keywords 必须是字符串列表') });
  });

  it('refuses a pattern with nested repetition and a pattern that does not compile', async () => {
    expect(await refused({ patterns: ['(a+)+$'] })).toMatchObject({ message: expect.stringContaining('灾难性回溯') });
    expect(await refused({ patterns: ['路灯(不亮'] })).toMatchObject({
      message: expect.stringContaining('conditions.patterns[0] "路灯(不亮" 不是有效的正则表达式'),
    });
    expect(await refused({ patterns: ['(a)\\1'] })).toMatchObject({ message: expect.stringContaining('不支持的写法') });
  });

  it('refuses unknown conditions and actions and an urgency that does not exist', async () => {
    const e = await refused({ keyword: ['路灯'] }, { urgency: 'very', color: 'red' });
    expect(e).toMatchObject({ message: expect.stringContaining('conditions.keyword 不是可用的条件') });
    expect(e).toMatchObject({ message: expect.stringContaining('actions.color 不是可用的动作') });
    expect(e).toMatchObject({ message: expect.stringContaining('actions.urgency 必须是 urgent 或 normal') });
  });

  it('keeps an ordinary pattern', async () => {
    const { create } = setUp();
    expect(
      await create.execute({ name: '路灯', conditions: { patterns: ['路灯.{0,4}(不亮|坏了)'] }, actions: { urgency: 'normal' }, by: 'admin' }),
    ).toMatchObject({ id: 1 });
  });
});
