import type { RoutingRule, RoutingRuleFields, RoutingRuleRepository } from '../repositories/routing-rule.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

export class InMemoryRoutingRuleRepository implements RoutingRuleRepository, Snapshottable {
  readonly table = new InMemoryTable<RoutingRule>();

  async listByPriority(): Promise<RoutingRule[]> {
    return this.table.all().sort((a, b) => b.priority - a.priority || a.id - b.id);
  }
  async listEnabled(): Promise<RoutingRule[]> {
    return this.table.where((r) => r.enabled);
  }
  async findById(id: number): Promise<RoutingRule | null> {
    return this.table.get(id) ?? null;
  }
  async create(fields: RoutingRuleFields, updatedBy: string): Promise<RoutingRule> {
    return this.table.insert({ ...fields, version: 1, updatedBy, updatedAt: new Date() });
  }
  async save(rule: RoutingRule): Promise<RoutingRule> {
    this.table.update(rule.id, { ...rule, updatedAt: new Date() });
    return this.table.get(rule.id) as RoutingRule;
  }
  async disable(id: number, version: number, updatedBy: string): Promise<void> {
    this.table.update(id, { enabled: false, version, updatedBy, updatedAt: new Date() });
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
