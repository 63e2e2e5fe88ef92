import { EntityManager, IsNull, Not } from 'typeorm';
import { TrainingExampleEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export type OperatorExample = Pick<TrainingExampleEntity, 'channel' | 'text' | 'category' | 'region' | 'department' | 'urgency' | 'disposition'>;

/** Labelled examples the router learns from (operators' decisions, returns, imported history). */
export interface TrainingExampleRepository {
  /** The newest examples that have a category, at most `limit`. */
  latestLabelled(limit: number): Promise<TrainingExampleEntity[]>;
  /** The operator's decision on a ticket: one example a ticket, the latest decision wins. */
  saveOperatorExample(ticketId: number, example: OperatorExample): Promise<void>;
}

export class TypeOrmTrainingExampleRepository implements TrainingExampleRepository {
  constructor(private readonly m: EntityManager) {}

  latestLabelled(limit: number): Promise<TrainingExampleEntity[]> {
    return this.m.getRepository(TrainingExampleEntity).find({ where: { category: Not(IsNull()) }, order: { id: 'DESC' }, take: limit });
  }

  async saveOperatorExample(ticketId: number, example: OperatorExample): Promise<void> {
    const repo = this.m.getRepository(TrainingExampleEntity);
    const row = (await repo.findOneBy({ ticketId, origin: 'operator' })) ?? repo.create({ ticketId, origin: 'operator' });
    Object.assign(row, example);
    await repo.save(row);
  }
}

export const TRAINING_EXAMPLES = repositoryToken<TrainingExampleRepository>('training-examples', (m) => new TypeOrmTrainingExampleRepository(m));
