/**
 * 办结审核 on MariaDB and on SQLite, configured in policies.yaml for one mailbox: the unit's reply
 * waits; nothing is mailed to the citizen; sent back with a reason, the unit gets the rework time
 * (across a weekend) and replies again; accepted, the answer is mailed and the 回访 starts.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { DeadlineEntity, ensureSource, OutgoingMailEntity, TicketEntity, TypeOrmUnitOfWork, UnitEntity } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { Actor } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { buildTicketUseCases } from '@hub/tickets';
import { beijingTime, createTicket, DIALECTS, StepClock, useDialectHub } from '@hub/testing';

const operator: Actor = { kind: 'user', id: 1, name: '话务员' };

/** The shipped configuration with 办结审核 for 市长信箱 (rework: 2 working days). */
function configDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-review-config-'));
  cpSync(resolve(__dirname, '../../config'), dir, { recursive: true });
  const policies = join(dir, 'policies.yaml');
  const text = readFileSync(policies, 'utf8');
  const rule = '  - name: 市长信箱办结审核\n    match: { source: [市长信箱] }\n    review: { required: true, rework: 2wd }\n\n';
  writeFileSync(policies, text.replace('\nreminders:', `\n${rule}reminders:`));
  return dir;
}

describe.each(DIALECTS)('reply review on %s', (dialect) => {
  const hub = useDialectHub(dialect, 'hubrev', () => ({ HUB_CONFIG_DIR: configDir() }));
  const clock = new StepClock();

  it('holds the reply, sends it back, takes the new one and answers the citizen only after acceptance', async () => {
    const { ds, config } = hub;
    const actions = buildTicketUseCases({ uow: new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), config, planner: loadDeadlinePolicies(config), clock });
    const unit = await ds.getRepository(UnitEntity).findOneByOrFail({ name: '东湖区城市管理局' });
    const me = { kind: 'unit' as const, name: unit.name };
    const mailbox = await ensureSource(ds, '市长信箱', 'mailbox');
    clock.set('2026-03-02 09:00');
    const t = await ds.transaction((m) =>
      createTicket(m, {
        sourceId: mailbox.id,
        channel: 'mailbox',
        subject: '桃园小区占道经营',
        text: '桃园小区门口占道经营，影响通行。',
        receivedAt: clock.now(),
        requester: { name: '李女士', email: 'li@example.cn' },
      }),
    );
    await actions.dispatchTicket.execute({ ticketId: t.id, unitId: unit.id, category: '城市管理/占道经营', actor: operator });
    await actions.acknowledgeTicket.execute({ ticketId: t.id, unitId: unit.id, actor: me });
    const answers = () => ds.getRepository(OutgoingMailEntity).find({ where: { kind: 'answer' } });

    clock.set('2026-03-04 10:00');
    await actions.replyTicket.execute({ ticketId: t.id, unitId: unit.id, outcome: 'resolved', text: '已清理。', actor: me });
    expect(await ds.getRepository(TicketEntity).findOneByOrFail({ id: t.id })).toMatchObject({ status: 'reply_review', repliedAt: null });
    expect(await answers()).toEqual([]);

    // Sent back on Thursday 5 March: 2 working days are Friday and Monday, due Monday 9 March 24:00.
    clock.set('2026-03-05 16:00');
    await actions.reviewReply.execute({ ticketId: t.id, decision: 'send_back', reason: '未说明是否长效管理', actor: operator });
    const back = await ds.getRepository(TicketEntity).findOneByOrFail({ id: t.id });
    expect(back).toMatchObject({ status: 'acknowledged', outcome: null });
    expect(back.replyDueAt?.toISOString()).toBe(beijingTime('2026-03-10 00:00').toISOString());
    const reply = await ds.getRepository(DeadlineEntity).find({ where: { ticketId: t.id, stage: 'reply' }, order: { id: 'ASC' } });
    expect(reply.map((d) => [d.status, d.dueAt.toISOString()])).toEqual([
      ['met', beijingTime('2026-03-10 00:00').toISOString()], // the first limit: 5 working days from Monday 2 March
      ['open', beijingTime('2026-03-10 00:00').toISOString()],
    ]);
    expect(await answers()).toEqual([]);

    clock.set('2026-03-09 11:00');
    await actions.replyTicket.execute({ ticketId: t.id, unitId: unit.id, outcome: 'resolved', text: '已清理，并纳入每日巡查。', actor: me });
    clock.set('2026-03-09 15:00');
    await actions.reviewReply.execute({ ticketId: t.id, decision: 'accept', actor: operator });
    const done = await ds.getRepository(TicketEntity).findOneByOrFail({ id: t.id });
    expect(done).toMatchObject({ status: 'replied' });
    expect(done.repliedAt?.toISOString()).toBe(beijingTime('2026-03-09 11:00').toISOString());
    const sent = await answers();
    expect(sent.map((m) => [String(m.to), m.text.includes('纳入每日巡查'), m.text.includes('已清理。')])).toEqual([['li@example.cn', true, false]]);
    expect(await ds.getRepository(DeadlineEntity).countBy({ ticketId: t.id, stage: 'follow_up', status: 'open' })).toBe(1);
  });
});
