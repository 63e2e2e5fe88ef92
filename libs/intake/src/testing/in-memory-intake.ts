import type { Channel } from '@hub/domain';
import {
  IMPORT_FILES,
  InMemoryImportFileRepository,
  InMemoryIntakeAttachmentRepository,
  InMemoryIntakeItemRepository,
  InMemoryIntakeSourceRepository,
  InMemoryIntakeTicketRepository,
  InMemoryMailboxStateRepository,
  InMemoryNamedLockRepository,
  InMemoryOutboxRepository,
  InMemoryReplyThreadRepository,
  InMemorySmsOutboxRepository,
  type InMemoryTicketEventRepository,
  InMemoryUnitOfWork,
  INTAKE_ATTACHMENTS,
  INTAKE_ITEMS,
  INTAKE_SOURCES,
  INTAKE_TICKETS,
  MAILBOX_STATES,
  NAMED_LOCKS,
  OUTBOX,
  REPLY_THREADS,
  SMS_OUTBOX,
  TICKET_EVENTS,
} from '@hub/database';

/** The directory's sources as syncDirectory makes them (a few). */
export const DEMO_SOURCES: Array<{ name: string; channel: Channel }> = [
  { name: '市长信箱', channel: 'mailbox' },
  { name: '市长公开电话', channel: 'hotline' },
  { name: '12345热线', channel: 'hotline' },
  { name: '网上信访', channel: 'web' },
];

/** An in-memory unit of work with every repository intake uses, for use-case specs (no database). */
export function inMemoryIntake() {
  const uow = new InMemoryUnitOfWork();
  const events = uow.read(TICKET_EVENTS) as InMemoryTicketEventRepository;
  const outbox = uow.read(OUTBOX) as InMemoryOutboxRepository;
  const tickets = new InMemoryIntakeTicketRepository(events);
  const items = new InMemoryIntakeItemRepository();
  const sources = new InMemoryIntakeSourceRepository(DEMO_SOURCES);
  const attachments = new InMemoryIntakeAttachmentRepository();
  const states = new InMemoryMailboxStateRepository();
  const imports = new InMemoryImportFileRepository();
  const threads = new InMemoryReplyThreadRepository(items, tickets);
  const locks = new InMemoryNamedLockRepository();
  const sms = new InMemorySmsOutboxRepository();
  uow
    .provide(INTAKE_TICKETS, tickets)
    .provide(INTAKE_ITEMS, items)
    .provide(INTAKE_SOURCES, sources)
    .provide(INTAKE_ATTACHMENTS, attachments)
    .provide(MAILBOX_STATES, states)
    .provide(IMPORT_FILES, imports)
    .provide(REPLY_THREADS, threads)
    .provide(NAMED_LOCKS, locks)
    .provide(SMS_OUTBOX, sms);
  return { uow, events, outbox, sms, tickets, items, sources, attachments, states, imports, threads, locks };
}
