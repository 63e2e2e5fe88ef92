import type { EntityManager } from 'typeorm';
import { AttachmentEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** Files citizens sent with their letters, as the ticket views list and serve them. */
export interface AttachmentRepository {
  listForTicket(ticketId: number): Promise<AttachmentEntity[]>;
  findOfTicket(ticketId: number, id: number): Promise<AttachmentEntity | null>;
  findById(id: number): Promise<AttachmentEntity | null>;
}

export class TypeOrmAttachmentRepository implements AttachmentRepository {
  constructor(private readonly m: EntityManager) {}

  listForTicket(ticketId: number): Promise<AttachmentEntity[]> {
    return this.m.getRepository(AttachmentEntity).find({ where: { ticketId } });
  }

  findOfTicket(ticketId: number, id: number): Promise<AttachmentEntity | null> {
    return this.m.getRepository(AttachmentEntity).findOneBy({ id, ticketId });
  }

  findById(id: number): Promise<AttachmentEntity | null> {
    return this.m.getRepository(AttachmentEntity).findOneBy({ id });
  }
}

export const ATTACHMENTS = repositoryToken<AttachmentRepository>('attachments', (m) => new TypeOrmAttachmentRepository(m));
