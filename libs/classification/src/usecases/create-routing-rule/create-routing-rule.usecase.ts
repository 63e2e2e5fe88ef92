import { Injectable } from '@nestjs/common';
import { ROUTING_RULES, RoutingRule, UnitOfWork, validateCommand } from '@hub/database';
import { CreateRoutingRuleCommand } from './create-routing-rule.command';

/** Adds a routing rule (priority 100 and enabled unless said otherwise), as version 1. */
@Injectable()
export class CreateRoutingRuleUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: CreateRoutingRuleCommand): Promise<RoutingRule> {
    const cmd = validateCommand(CreateRoutingRuleCommand, input);
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
