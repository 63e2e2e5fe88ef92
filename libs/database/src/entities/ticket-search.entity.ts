import { Entity, Index, PrimaryColumn } from 'typeorm';
import { NullableStr, Text } from './columns';

/**
 * What the one lookup box finds a ticket by, one row per ticket, written with the ticket: the
 * requester's phone digits, name and e-mail and the external id (indexed, matched whole), and the
 * words of subject, text and addresses (`searchDocument`), under a FULLTEXT index on
 * MySQL/MariaDB and an FTS5 table on SQLite (both made by the migrations, not by the entity).
 * On MySQL/MariaDB its words are also listed in ticket_words (word, ticketId), the lookup's own
 * posting lists (made by the TicketWords migration; see repositories/ticket-words.ts).
 */
@Entity('ticket_search')
@Index('ft_ticket_search_words', { synchronize: false })
export class TicketSearchEntity {
  @PrimaryColumn({ type: 'int' }) ticketId!: number;
  @Index('ix_ticket_search_phone') @NullableStr(40) phone!: string | null;
  @Index('ix_ticket_search_name') @NullableStr(100) name!: string | null;
  @Index('ix_ticket_search_email') @NullableStr(200) email!: string | null;
  @Index('ix_ticket_search_external') @NullableStr(128) externalId!: string | null;
  @Text() words!: string;
}
