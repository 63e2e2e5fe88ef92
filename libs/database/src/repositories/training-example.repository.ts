import { IsNull, Not, type EntityManager } from 'typeorm';
import { TrainingExampleEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export type OperatorExample = Pick<TrainingExampleEntity, 'channel' | 'text' | 'category' | 'region' | 'department' | 'urgency' | 'disposition'>;

/** Labelled examples the router learns from. */
export interface TrainingExampleRepository {
  /** The operator's decision on a ticket: one example a ticket, the latest decision wins. */
  saveOperatorExample(ticketId: number, example: OperatorExample): Promise<void>;
  /** Examples with a category, newest first. */
  listLabelled(limit: number): Promise<TrainingExampleEntity[]>;
}

export class TypeOrmTrainingExampleRepository implements TrainingExampleRepository {
  constructor(private readonly m: EntityManager) {}

  async saveOperatorExample(ticketId: number, example: OperatorExample): Promise<void> {
    const repo = this.m.getRepository(TrainingExampleEntity);
    const row = (await repo.findOneBy({ ticketId, origin: 'operator' })) ?? repo.create({ ticketId, origin: 'operator' });
    Object.assign(row, example);
    await repo.save(row);
  }

  listLabelled(limit: number): Promise<TrainingExampleEntity[]> {
    return this.m.getRepository(TrainingExampleEntity).find({ where: { category: Not(IsNull()) }, order: { id: 'DESC' }, take: limit });
  }
}

export const TRAINING_EXAMPLES = repositoryToken<TrainingExampleRepository>('training-examples', (m) => new TypeOrmTrainingExampleRepository(m));
