import { Injectable } from '@nestjs/common';
import { ROUTING_RULES, RoutingRule, UnitOfWork, UseCaseError, validateCommand } from '@hub/database';
import { ruleDefinitionProblems } from '../../rule-definition';
import { UpdateRoutingRuleCommand } from './update-routing-rule.command';

/** Rewrites a routing rule as its next version; fields left out keep their value; a malformed result is refused naming the field. */
@Injectable()
export class UpdateRoutingRuleUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: UpdateRoutingRuleCommand): Promise<RoutingRule> {
    const cmd = validateCommand(UpdateRoutingRuleCommand, input);
    return this.uow.run(async (tx) => {
      const rules = tx.get(ROUTING_RULES);
      const stored = await rules.findById(cmd.ruleId);
      if (!stored) throw new UseCaseError('NOT_FOUND', `rule ${cmd.ruleId} not found`);
      const rule = { ...stored };
      for (const k of ['name', 'priority', 'enabled', 'conditions', 'actions'] as const) if (cmd[k] !== undefined) Object.assign(rule, { [k]: cmd[k] });
      const problems = ruleDefinitionProblems({ conditions: rule.conditions ?? {}, actions: rule.actions ?? {} });
      if (problems.length) throw new UseCaseError('BAD_INPUT', `规则未保存：${problems.join('；')}`);
      return rules.save(Object.assign(rule, { version: rule.version + 1, updatedBy: cmd.by }));
    });
  }
}
