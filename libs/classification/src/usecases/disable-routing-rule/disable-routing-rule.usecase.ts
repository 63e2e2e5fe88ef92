import { Injectable } from '@nestjs/common';
import { ROUTING_RULES, UnitOfWork, UseCaseError, validateCommand } from '@hub/database';
import { DisableRoutingRuleCommand } from './disable-routing-rule.command';

/** "Deletes" a routing rule: it is disabled, not deleted, so past decisions can still be explained. */
@Injectable()
export class DisableRoutingRuleUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: DisableRoutingRuleCommand): Promise<{ disabled: true }> {
    const cmd = validateCommand(DisableRoutingRuleCommand, input);
    return this.uow.run(async (tx) => {
      const rules = tx.get(ROUTING_RULES);
      const rule = await rules.findById(cmd.ruleId);
      if (!rule) throw new UseCaseError('NOT_FOUND', `rule ${cmd.ruleId} not found`);
      await rules.disable(cmd.ruleId, rule.version + 1, cmd.by);
      return { disabled: true as const };
    });
  }
}
