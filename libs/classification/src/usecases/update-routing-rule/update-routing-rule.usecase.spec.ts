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

describe('update a routing rule', () => {
  it('rewrites a rule as its next version, keeping what the edit leaves out', async () => {
    const { create, update } = setUp();
    await create.execute({ ...gas, priority: 300, by: 'admin' });
    const r = await update.execute({ ...gas, ruleId: 1, actions: { category: '城乡建设/燃气安全' }, by: 'supervisor' });
    expect(r).toMatchObject({ priority: 300, actions: { category: '城乡建设/燃气安全' }, version: 2, updatedBy: 'supervisor' });
  });

  it('says which rule is not there', async () => {
    const { update, disable } = setUp();
    await expect(update.execute({ ...gas, ruleId: 9, by: 'admin' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'rule 9 not found' });
    await expect(disable.execute({ ruleId: 9, by: 'admin' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'rule 9 not found' });
  });
});
