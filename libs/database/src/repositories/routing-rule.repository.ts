import type { EntityManager } from 'typeorm';
import { RoutingRuleEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** The operator-edited routing rules, as the router applies them. */
export interface RoutingRuleRepository {
  listEnabled(): Promise<RoutingRuleEntity[]>;
}

export class TypeOrmRoutingRuleRepository implements RoutingRuleRepository {
  constructor(private readonly m: EntityManager) {}

  listEnabled(): Promise<RoutingRuleEntity[]> {
    return this.m.getRepository(RoutingRuleEntity).find({ where: { enabled: true } });
  }
}

export const ROUTING_RULES = repositoryToken<RoutingRuleRepository>('routing-rules', (m) => new TypeOrmRoutingRuleRepository(m));
