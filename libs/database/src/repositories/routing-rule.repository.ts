import type { EntityManager } from 'typeorm';
import { RoutingRuleEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export type RoutingRule = RoutingRuleEntity;

export interface RoutingRuleFields {
  name: string;
  priority: number;
  enabled: boolean;
  conditions: Record<string, unknown> | null;
  actions: Record<string, unknown> | null;
}

/** Operator-editable routing rules; every edit bumps the version (rules are disabled, never deleted). */
export interface RoutingRuleRepository {
  /** Highest priority first, then oldest. */
  listByPriority(): Promise<RoutingRule[]>;
  listEnabled(): Promise<RoutingRule[]>;
  findById(id: number): Promise<RoutingRule | null>;
  /** The rule as stored (id, version 1, updatedAt). */
  create(fields: RoutingRuleFields, updatedBy: string): Promise<RoutingRule>;
  /** Writes the rule's fields with its next version; the rule as stored. */
  save(rule: RoutingRule): Promise<RoutingRule>;
  disable(id: number, version: number, updatedBy: string): Promise<void>;
}

export class TypeOrmRoutingRuleRepository implements RoutingRuleRepository {
  constructor(private readonly m: EntityManager) {}

  private get rules() {
    return this.m.getRepository(RoutingRuleEntity);
  }

  listByPriority(): Promise<RoutingRule[]> {
    return this.rules.find({ order: { priority: 'DESC', id: 'ASC' } });
  }

  listEnabled(): Promise<RoutingRule[]> {
    return this.rules.find({ where: { enabled: true } });
  }

  findById(id: number): Promise<RoutingRule | null> {
    return this.rules.findOneBy({ id });
  }

  create(fields: RoutingRuleFields, updatedBy: string): Promise<RoutingRule> {
    return this.rules.save(this.rules.create({ ...fields, version: 1, updatedBy }));
  }

  save(rule: RoutingRule): Promise<RoutingRule> {
    return this.rules.save(rule);
  }

  async disable(id: number, version: number, updatedBy: string): Promise<void> {
    await this.rules.update(id, { enabled: false, version, updatedBy });
  }
}

export const ROUTING_RULES = repositoryToken<RoutingRuleRepository>('routing-rules', (m) => new TypeOrmRoutingRuleRepository(m));
