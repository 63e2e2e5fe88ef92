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
