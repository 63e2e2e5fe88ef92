import type { RoutingRuleEntity } from '../entities';
import type { RoutingRuleRepository } from '../repositories/routing-rule.repository';
import { InMemoryTable } from './in-memory-table';

export class InMemoryRoutingRuleRepository implements RoutingRuleRepository {
  readonly table = new InMemoryTable<RoutingRuleEntity>();
  async listEnabled() {
    return this.table.where((r) => r.enabled);
  }
}
