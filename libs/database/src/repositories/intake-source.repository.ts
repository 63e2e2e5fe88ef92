import type { Channel } from '@hub/domain';
import type { EntityManager } from 'typeorm';
import { ensureSource } from '../directory-sync';
import { SourceEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export interface IntakeSource {
  id: number;
  name: string;
  channel: Channel;
}

/** Named lines and mailboxes (市长公开电话, 市长信箱...) that tickets are counted by. */
export interface IntakeSourceRepository {
  findByName(name: string): Promise<IntakeSource | null>;
  /** The source of that name, made on first sight (a new hotline line in an export) with `channel`. */
  ensure(name: string, channel: Channel): Promise<IntakeSource>;
}

export class TypeOrmIntakeSourceRepository implements IntakeSourceRepository {
  constructor(private readonly m: EntityManager) {}

  async findByName(name: string): Promise<IntakeSource | null> {
    const s = await this.m.getRepository(SourceEntity).findOneBy({ name });
    return s && { id: s.id, name: s.name, channel: s.channel };
  }

  async ensure(name: string, channel: Channel): Promise<IntakeSource> {
    const s = await ensureSource(this.m.connection, name, channel);
    return { id: s.id, name: s.name, channel: s.channel };
  }
}

export const INTAKE_SOURCES = repositoryToken<IntakeSourceRepository>('intake-sources', (m) => new TypeOrmIntakeSourceRepository(m));
