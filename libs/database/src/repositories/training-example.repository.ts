import { EntityManager, IsNull, Not } from 'typeorm';
import { TrainingExampleEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** Labelled examples the router learns from (operators' decisions, returns, imported history). */
export interface TrainingExampleRepository {
  /** The newest examples that have a category, at most `limit`. */
  latestLabelled(limit: number): Promise<TrainingExampleEntity[]>;
}

export class TypeOrmTrainingExampleRepository implements TrainingExampleRepository {
  constructor(private readonly m: EntityManager) {}

  latestLabelled(limit: number): Promise<TrainingExampleEntity[]> {
    return this.m.getRepository(TrainingExampleEntity).find({ where: { category: Not(IsNull()) }, order: { id: 'DESC' }, take: limit });
  }
}

export const TRAINING_EXAMPLES = repositoryToken<TrainingExampleRepository>('training-examples', (m) => new TypeOrmTrainingExampleRepository(m));
