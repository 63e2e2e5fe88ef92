import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { KNOWLEDGE, UnitOfWork, UNITS, validateCommand } from '@hub/database';
import { businessDate, CLOCK, Clock, KNOWLEDGE_EXPIRY_NOTICE_DAYS } from '@hub/domain';
import { knowledgeExpiryNotice } from '@hub/notify';
import { NotifyExpiringKnowledgeCommand } from './notify-expiring-knowledge.command';

/**
 * Tells each entry's keeper, once, that its validity ends within the notice period (through the
 * outbox, deduplicated per entry and end date, so a repeated pass sends nothing twice), and marks
 * entries whose validity has ended as expired (they are never offered either way).
 */
@Injectable()
export class NotifyExpiringKnowledgeUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async execute(input: NotifyExpiringKnowledgeCommand = {}): Promise<{ notified: number; expired: number }> {
    const { now = this.clock.now() } = validateCommand(NotifyExpiringKnowledgeCommand, input);
    const until = new Date(now.getTime() + KNOWLEDGE_EXPIRY_NOTICE_DAYS * 86_400_000);
    return this.uow.run(async (tx) => {
      const repo = tx.get(KNOWLEDGE);
      const expired = await repo.expirePassed(now);
      const due = await repo.expiringUnnoticed(now, until);
      const units = await tx.get(UNITS).findByIds([...new Set(due.map((e) => e.unitId).filter((id): id is number => id !== null))]);
      const office = this.config.units.supervisors.map((s) => s.email);
      let notified = 0;
      for (const e of due) {
        const unit = units.find((u) => u.id === e.unitId);
        const to = unit ? [unit.email] : office;
        const validTo = businessDate(e.validTo as Date);
        if (to.length) {
          const mail = knowledgeExpiryNotice(
            unit?.name ?? '热线办',
            { id: e.id, title: e.title, validTo },
            `${this.config.env.publicUrl}/#/knowledge?id=${e.id}`,
          );
          if (await tx.mail({ dedupeKey: `knowledge-expiry-${e.id}-${validTo}`, kind: 'notice', to, ticketId: null, ...mail })) notified++;
        }
        await repo.markExpiryNoticed(e.id, now);
      }
      return { notified, expired };
    });
  }
}
