import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseDatabaseUrl } from '@hub/config';
import { openDatabase, SourceEntity, TicketEntity } from '@hub/database';
import { createTicket } from '@hub/testing';

describe('SQLite under concurrent jobs', () => {
  it('runs many transactions at once in one process without losing or mixing any', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-sqlite-conc-'));
    const ds = await openDatabase(parseDatabaseUrl(`sqlite:${join(dir, 'hub.sqlite')}`, []), { migrate: true });
    try {
      const source = await ds.getRepository(SourceEntity).save({ name: '市长信箱', channel: 'mailbox', active: true });
      const work = Array.from({ length: 40 }, (_, i) =>
        (async () => {
          if (i % 5 === 0) {
            // A transaction that fails: its ticket must not appear, and nobody else's may vanish.
            await ds
              .transaction(async (m) => {
                await createTicket(m, { sourceId: source.id, channel: 'mailbox', text: `失败 ${i}`, receivedAt: new Date() });
                await new Promise((r) => setTimeout(r, 2));
                throw new Error('boom');
              })
              .catch(() => undefined);
            return;
          }
          await ds.transaction(async (m) => {
            await createTicket(m, { sourceId: source.id, channel: 'mailbox', text: `来信 ${i}`, receivedAt: new Date(), requester: { name: `市民${i}` } });
            await new Promise((r) => setTimeout(r, 1));
            await ds.transaction(async (inner) => inner.getRepository(TicketEntity).count());
          });
        })(),
      );
      work.push(
        (async () => {
          await ds.getRepository(SourceEntity).save({ name: '省长信箱', channel: 'mailbox', active: true });
        })(),
      );
      await Promise.all(work);
      const texts = (await ds.getRepository(TicketEntity).find()).map((t) => t.text);
      expect(texts).toHaveLength(32);
      expect(texts.some((t) => t.startsWith('失败'))).toBe(false);
      expect(await ds.getRepository(SourceEntity).countBy({ name: '省长信箱' })).toBe(1);
    } finally {
      await ds.destroy();
    }
  });
});
