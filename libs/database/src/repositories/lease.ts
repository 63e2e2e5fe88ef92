import { Brackets, EntityManager, EntityTarget } from 'typeorm';

/**
 * Takes a row of an outbox (SMS, webhook deliveries) for one sender: a pending row that is due,
 * or one whose sender's lease ran out (it died mid-send). One conditional UPDATE, so of two
 * senders only one wins; the lease is the row's next attempt time.
 */
export async function claimLease(m: EntityManager, entity: EntityTarget<object>, id: number, now: Date, leaseMs: number): Promise<boolean> {
  const r = await m
    .createQueryBuilder()
    .update(entity)
    .set({ status: 'sending', nextAttemptAt: new Date(now.getTime() + leaseMs) } as never)
    .where('id = :id', { id })
    .andWhere(
      new Brackets((w) =>
        w
          .where('(status = :pending AND nextAttemptAt <= :now)', { pending: 'pending', now })
          .orWhere('(status = :sending AND nextAttemptAt <= :now)', { sending: 'sending', now }),
      ),
    )
    .execute();
  return (r.affected ?? 0) > 0;
}
