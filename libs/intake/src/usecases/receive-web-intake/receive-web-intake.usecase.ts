import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { INTAKE_SOURCES, INTAKE_TICKETS, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, type Clock, formatTicketNumber } from '@hub/domain';
import { SYSTEM_ACTOR } from '@hub/tickets';
import { RawArchive } from '../../raw-archive';
import { IntakeRefusedError, webChannel, webIntakeDraft, webRawDocument } from '../../web-intake';
import { RecordIntakeUseCase } from '../record-intake/record-intake.usecase';
import { ReceiveWebIntakeCommand } from './receive-web-intake.command';

export interface WebIntakeReceipt {
  ticketId: number;
  /** QH20250302-000123 */
  number: string;
  status: string;
  /** The same external id from the same source was posted before: that ticket, unchanged. */
  duplicate: boolean;
  /** 查询码 of a new ticket, to read out or show once; null for a duplicate (it was given the first time). */
  lookupCode: string | null;
}

/**
 * The HTTP intake (web forms, other systems, calls typed in by hand): the posted document is
 * archived raw, then recorded like every other channel. Posting the same external id from the
 * same source again (a sender retrying, even at the same moment) answers with the first ticket.
 */
@Injectable()
export class ReceiveWebIntakeUseCase {
  private readonly archive: RawArchive;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly record: RecordIntakeUseCase,
  ) {
    this.archive = RawArchive.of(config);
  }

  async execute(input: ReceiveWebIntakeCommand): Promise<WebIntakeReceipt> {
    const command = validateCommand(ReceiveWebIntakeCommand, input);
    const now = this.clock.now();
    const receivedBy = command.receivedBy ?? SYSTEM_ACTOR;
    if (command.city && !this.config.cities?.cities.some((c) => c.name === command.city))
      throw new IntakeRefusedError(`${command.city} 不是本平台的地市（cities.yaml）`);
    const named = command.source?.trim() || null;
    const to = webChannel(command, named ? await this.uow.read(INTAKE_SOURCES).findByName(named) : null);
    const raw = await this.archive.putBytes('http', webRawDocument(command, receivedBy, now), '.json');
    const {
      recorded: [r],
    } = await this.record.execute({ drafts: [webIntakeDraft(command, to, raw, receivedBy, now)] });
    const ticket = await this.uow.read(INTAKE_TICKETS).head(r.ticketId as number);
    if (!ticket) throw new Error(`ticket ${r.ticketId} was recorded but cannot be read back`);
    return {
      ticketId: ticket.id,
      number: formatTicketNumber(ticket.numberPrefix || this.config.env.ticketPrefix, ticket.receivedAt, ticket.id),
      status: ticket.status,
      duplicate: r.status === 'duplicate',
      lookupCode: r.lookupCode ?? null,
    };
  }
}
