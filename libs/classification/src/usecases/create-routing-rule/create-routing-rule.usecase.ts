import { Injectable } from '@nestjs/common';
import { ROUTING_RULES, RoutingRule, UnitOfWork, UseCaseError, validateCommand } from '@hub/database';
import { ruleDefinitionProblems } from '../../rule-definition';
import { CreateRoutingRuleCommand } from './create-routing-rule.command';

/** Adds a routing rule (priority 100 and enabled unless said otherwise), as version 1; a malformed one is refused naming the field. */
@Injectable()
export class CreateRoutingRuleUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: CreateRoutingRuleCommand): Promise<RoutingRule> {
    const cmd = validateCommand(CreateRoutingRuleCommand, input);
    const problems = ruleDefinitionProblems(cmd);
    if (problems.length) throw new UseCaseError('BAD_INPUT', `规则未保存：${problems.join('；')}`);
    return this.uow.run((tx) =>
      tx.get(ROUTING_RULES).create(
        {
          name: cmd.name,
          priority: cmd.priority ?? 100,
          enabled: cmd.enabled ?? true,
          conditions: cmd.conditions,
          actions: cmd.actions,
        },
        cmd.by,
      ),
    );
  }
}
