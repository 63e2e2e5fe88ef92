import { SpecClock, ticketSpecWorld, unitActor } from '../testing/ticket-spec-world';

// The shipped 青禾市: 东湖区人民政府 is a desk (分中心); 东湖区城市管理局's parent is 东湖区人民政府.
const DESK = '东湖区人民政府';
const CHILD = '东湖区城市管理局';

async function deskHolds(opts: { acknowledge?: boolean } = {}) {
  const w = ticketSpecWorld(); // Monday 2 March 2026, 09:00
  const t = opts.acknowledge === false ? await w.dispatched(DESK) : await w.acknowledged(DESK);
  return { w, t, desk: w.unit(DESK), child: w.unit(CHILD) };
}

describe('二级派单 (sub-dispatch): a desk unit hands its ticket to a unit below it', () => {
  it('gives the child its own assignment under the desk’s, limits from the desk’s remaining time, and a notice', async () => {
    const { w, t, desk, child } = await deskHolds();
    // The desk's reply limit: 5 working days, Monday 9 March 24:00.
    expect(w.openDeadline(t.id, 'reply')).toMatchObject({ unitId: desk.id, dueAt: SpecClock.at('2026-03-10 00:00') });
    w.clock.set('2026-03-03 12:00'); // Tuesday noon
    const after = await w.useCases.subDispatchTicket.execute({ ticketId: t.id, unitId: desk.id, childUnitId: child.id, actor: unitActor(DESK) });

    // The ticket stays with the desk: its status and its own limits do not change.
    expect(after.status).toBe('acknowledged');
    const [lead, sub] = w.assignments(t.id);
    expect(sub).toMatchObject({ unitId: child.id, role: 'sub', status: 'active', parentAssignmentId: lead.id, acknowledgedAt: null });
    const mine = (stage: string) => w.deadlines(t.id).find((d) => d.assignmentId === sub.id && d.stage === stage);
    // Left to the desk: Tue 12 h + Wed–Fri 72 h + Mon 24 h = 108 working hours; 0.8 of it is 86 h 24 min:
    // Tue 12 h, Wed, Thu, Fri (74 h 24 min gone), the weekend stands still, Monday 02:24.
    expect(mine('reply')).toMatchObject({ dueAt: SpecClock.at('2026-03-09 02:24'), basis: 'working', unitId: child.id });
    // 签收 and 退单 by the policy's own limits (1 and 2 working days), as they end before its reply.
    expect(mine('acknowledge')?.dueAt).toEqual(SpecClock.at('2026-03-05 00:00'));
    expect(mine('return_window')?.dueAt).toEqual(SpecClock.at('2026-03-06 00:00'));
    expect(w.openDeadline(t.id, 'reply')).toMatchObject({ unitId: desk.id, dueAt: SpecClock.at('2026-03-10 00:00') });

    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'sub_dispatched', data: { unitId: child.id, deskUnitId: desk.id } });
    const notice = w.mails().at(-1);
    expect(notice).toMatchObject({ kind: 'dispatch', to: [child.email] });
    expect(notice?.text).toContain(`${DESK}将以下工单转派贵单位办理（二级派单）`);
    expect(notice?.text).toContain('办结时限：2026-03-09 02:24');
  });

  it('caps the child’s 签收 and 退单 limits at its reply limit when little time is left', async () => {
    const { w, t, desk, child } = await deskHolds();
    w.clock.set('2026-03-09 18:00'); // Monday 18:00: 6 h left to the desk, 4 h 48 min to the child
    await w.useCases.subDispatchTicket.execute({ ticketId: t.id, unitId: desk.id, childUnitId: child.id, actor: unitActor(DESK) });
    const sub = w.assignments(t.id)[1];
    const due = (stage: string) => w.deadlines(t.id).find((d) => d.assignmentId === sub.id && d.stage === stage)?.dueAt;
    expect(due('reply')).toEqual(SpecClock.at('2026-03-09 22:48'));
    expect(due('acknowledge')).toEqual(SpecClock.at('2026-03-09 22:48'));
    expect(due('return_window')).toEqual(SpecClock.at('2026-03-09 22:48'));
  });

  it('refuses before 签收, for a unit that is no desk, to a unit not below the desk, and again while the first is open', async () => {
    const early = await deskHolds({ acknowledge: false });
    const send = (w: typeof early.w, ticketId: number, unitId: number, childUnitId: number) =>
      w.useCases.subDispatchTicket.execute({ ticketId, unitId, childUnitId, actor: unitActor(DESK) });
    await expect(send(early.w, early.t.id, early.desk.id, early.child.id)).rejects.toThrow('请先签收工单，再转派下级单位');

    const { w, t, desk, child } = await deskHolds();
    await expect(send(w, t.id, desk.id, w.unit('市教育局').id)).rejects.toThrow(`只能转派本单位的下级单位（units.yaml 中 parent 为本单位的单位）：${CHILD}`);
    await send(w, t.id, desk.id, child.id);
    await expect(send(w, t.id, desk.id, child.id)).rejects.toThrow('该工单已转派下级单位且尚未办结上报');

    const notDesk = ticketSpecWorld();
    const held = await notDesk.acknowledged(CHILD);
    await expect(send(notDesk, held.id, notDesk.unit(CHILD).id, notDesk.unit(DESK).id)).rejects.toThrow('本单位不是分中心');
    // A unit that does not hold the ticket is told nothing about it.
    await expect(send(w, t.id, w.unit('市教育局').id, child.id)).rejects.toThrow(`ticket ${t.id} not found`);
    expect(w.assignments(t.id)).toHaveLength(2);
  });
});
