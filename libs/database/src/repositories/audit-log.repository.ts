import type { EntityManager } from 'typeorm';
import { AuditLogEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export type AuditEntry = Omit<AuditLogEntity, 'id'>;

/** Who did what, when and from where through the API: appended to, read newest first. */
export interface AuditLogRepository {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  page(take: number, skip: number): Promise<AuditLogEntity[]>;
}

export class TypeOrmAuditLogRepository implements AuditLogRepository {
  constructor(private readonly m: EntityManager) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.m.getRepository(AuditLogEntity).insert(<never>entry);
  }

  page(take: number, skip: number): Promise<AuditLogEntity[]> {
    return this.m.getRepository(AuditLogEntity).find({ order: { id: 'DESC' }, take, skip });
  }
}

export const AUDIT_LOG = repositoryToken<AuditLogRepository>('audit-log', (m) => new TypeOrmAuditLogRepository(m));
