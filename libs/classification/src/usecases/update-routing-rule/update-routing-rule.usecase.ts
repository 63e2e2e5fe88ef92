import { Injectable } from '@nestjs/common';
import { ROUTING_RULES, RoutingRule, UnitOfWork, UseCaseError, validateCommand } from '@hub/database';
import { UpdateRoutingRuleCommand } from './update-routing-rule.command';

/** Rewrites a routing rule as its next version; fields left out keep their value. */
@Injectable()
export class UpdateRoutingRuleUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: UpdateRoutingRuleCommand): Promise<RoutingRule> {
    const cmd = validateCommand(UpdateRoutingRuleCommand, input);
    return this.uow.run(async (tx) => {
      const rules = tx.get(ROUTING_RULES);
      const rule = await rules.findById(cmd.ruleId);
      if (!rule) throw new UseCaseError('NOT_FOUND', `rule ${cmd.ruleId} not found`);
      for (const k of ['name', 'priority', 'enabled', 'conditions', 'actions'] as const) if (cmd[k] !== undefined) Object.assign(rule, { [k]: cmd[k] });
      return rules.save(Object.assign(rule, { version: rule.version + 1, updatedBy: cmd.by }));
    });
  }
}
