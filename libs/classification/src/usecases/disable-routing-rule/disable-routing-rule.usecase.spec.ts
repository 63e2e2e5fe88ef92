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

describe('disable a routing rule', () => {
  it('disables a deleted rule rather than deleting it, so past decisions can still be explained', async () => {
    const { rules, create, disable } = setUp();
    await create.execute({ ...gas, by: 'admin' });
    expect(await disable.execute({ ruleId: 1, by: 'supervisor' })).toEqual({ disabled: true });
    expect(await rules.findById(1)).toMatchObject({ enabled: false, version: 2, updatedBy: 'supervisor' });
    expect(await rules.listEnabled()).toEqual([]);
  });
});
