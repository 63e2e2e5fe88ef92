import type { Classification, Classifier } from '@hub/classification';
import { TicketConflictError } from '../../ticket-errors';
import { OPERATOR, ticketSpecWorld } from '../testing/ticket-spec-world';

/** A classifier that says what the spec tells it to, whatever the text. */
function scripted(decide: (text: string) => Partial<Classification>) {
  const classifier = {
    model: { version: 'spec-1' },
    setRules: () => undefined,
    classify: ({ text }: { text: string }): Classification => ({
      category: '城市管理/占道经营',
      region: '东湖区',
      department: '东湖区城市管理局',
      assistUnits: [],
      urgency: 'normal',
      urgencySuspected: false,
      urgencyScore: null,
      sensitive: false,
      disposition: 'dispatch',
      confidence: 0.95,
      auto: true,
      suggestions: [],
      why: { matchedRules: [], topTerms: [], place: null, ambiguousPlaces: [], urgencySignals: [] },
      ...decide(text),
    }),
  };
  return { get: () => classifier as unknown as Classifier };
}

describe('routing new tickets (智能分拨)', () => {
  it('dispatches a confident one at once and alerts the supervisors of an urgent one', async () => {
    const w = ticketSpecWorld({
      classifiers: scripted(() => ({
        urgency: 'urgent',
        category: '城乡建设/燃气安全',
        department: '市住房和城乡建设局',
        why: { matchedRules: [], topTerms: [], place: null, ambiguousPlaces: [], urgencySignals: ['燃气泄漏'] },
      })),
    });
    const t = w.addTicket({ text: '楼道里煤气味很浓，怀疑燃气管道泄漏。' });
    const [out] = await w.useCases.routeNewTickets.execute({ ticketIds: [t.id] });
    expect(out).toMatchObject({ ticketId: t.id, result: 'dispatched' });
    expect(w.ticket(t.id)).toMatchObject({
      status: 'dispatched',
      urgency: 'urgent',
      category: '城乡建设/燃气安全',
      leadUnitId: w.unit('市住房和城乡建设局').id,
    });
    expect(w.ticket(t.id).classification).toMatchObject({ modelVersion: 'spec-1', auto: true });
    const alert = w.mails().find((m) => m.kind === 'alert');
    expect(alert).toMatchObject({
      to: ['duban@hotline.qinghe.example'],
      dedupeKey: `urgent-${t.id}`,
      subject: expect.stringMatching(/^【紧急】工单 QH20260302-\d+：楼道里煤气味很浓/),
    });
    expect(alert?.text).toMatch(/^工单 QH20260302-\d+ 判定为紧急件（燃气泄漏）。\n\n楼道里煤气味很浓/);
    expect(w.mails().find((m) => m.kind === 'dispatch')?.subject).toMatch(/^【紧急】交办工单/);
  });

  it('dispatches a ticket whose dispatch was refused four times as a deadlock (another worker dispatching at once)', async () => {
    const w = ticketSpecWorld({ classifiers: scripted(() => ({})) });
    const t = w.addTicket({ text: '东湖路人行道上有人占道经营。' });
    const dispatch = w.useCases.dispatchTicket;
    const real = dispatch.execute.bind(dispatch);
    let refused = 0;
    jest.spyOn(dispatch, 'execute').mockImplementation(async (cmd) => {
      if (refused++ < 4) throw new TicketConflictError(t.id);
      return real(cmd);
    });
    const [out] = await w.useCases.routeNewTickets.execute({ ticketIds: [t.id] });
    expect(out).toMatchObject({ ticketId: t.id, result: 'dispatched' });
    expect(w.ticket(t.id)).toMatchObject({ status: 'dispatched', leadUnitId: w.unit('东湖区城市管理局').id });
  });

  it('leaves one it cannot place in triage with a dispatch limit from its receipt', async () => {
    const w = ticketSpecWorld({
      classifiers: scripted(() => ({
        auto: false,
        confidence: 0.3,
        why: { matchedRules: [], topTerms: [], place: null, ambiguousPlaces: [], urgencySignals: [], notAuto: '置信度不足' },
      })),
    });
    const t = w.addTicket({ text: '家门口那个事情一直没人管。' });
    const [out] = await w.useCases.routeNewTickets.execute({ ticketIds: [t.id] });
    expect(out.result).toBe('triage');
    expect(w.ticket(t.id).status).toBe('accepted');
    expect(w.events(t.id)).toMatchObject([{ type: 'accept', actorName: '智能分拨', reason: '置信度不足' }]);
    expect(w.openDeadline(t.id, 'dispatch')).toMatchObject({ startAt: t.receivedAt });
  });

  it("merges the same caller's repeat into the open ticket instead of dispatching it again", async () => {
    const w = ticketSpecWorld({ classifiers: scripted(() => ({})) });
    const first = w.addTicket({ text: '东湖区桃园小区门口烧烤摊占道经营，油烟很大。', requester: { phone: '13900000003' } });
    await w.useCases.routeNewTickets.execute({ ticketIds: [first.id] });
    w.clock.set('2026-03-02 11:00');
    const again = w.addTicket({ text: '东湖区桃园小区门口烧烤摊占道经营，油烟很大，还没处理。', requester: { phone: '13900000003' } });
    const [out] = await w.useCases.routeNewTickets.execute({ ticketIds: [again.id] });
    expect(out.result).toBe('merged');
    expect(w.ticket(again.id)).toMatchObject({ status: 'merged', mergedIntoId: first.id });
    expect(w.ticket(first.id).repeatCount).toBe(1);
    expect(w.assignments(again.id)).toEqual([]);
  });

  it('flags many different residents on one place and matter to the supervisors once', async () => {
    const place = { name: '港湾新城', region: '南港区' };
    const w = ticketSpecWorld({
      classifiers: scripted(() => ({
        category: '公用事业/供水',
        region: '南港区',
        department: null,
        auto: false,
        why: { matchedRules: [], topTerms: [], place, ambiguousPlaces: [], urgencySignals: [] },
      })),
    });
    const texts = ['港湾新城7号楼从早上开始停水了', '港湾新城7栋停水，老人没法做饭', '港湾新城七号楼一直没水', '港湾新城7号楼还是停水'];
    for (const [i, text] of texts.entries()) {
      const t = w.addTicket({ text, category: null, requester: { phone: `1370000000${i}` } });
      await w.useCases.routeNewTickets.execute({ ticketIds: [t.id] });
    }
    expect(w.repos.clusters.table.all()).toHaveLength(1);
    const alerts = w.mails().filter((m) => m.kind === 'alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].subject).toMatch(/^【集体诉求】港湾新城 公用事业\/供水：3 位诉求人$/);
    expect(alerts[0].text).toBe('72 小时内 3 位不同诉求人反映同一地点同一事项：港湾新城 公用事业/供水。\n请督办关注。\n');
    expect(new Set(w.repos.tickets.table.all().map((t) => t.clusterId))).toEqual(new Set([1]));
  });

  it('joins the cluster another router inserted a moment before, and leaves telling the supervisors to it', async () => {
    const place = { name: '港湾新城', region: '南港区' };
    const w = ticketSpecWorld({
      classifiers: scripted(() => ({
        category: '公用事业/供水',
        region: '南港区',
        department: null,
        auto: false,
        why: { matchedRules: [], topTerms: [], place, ambiguousPlaces: [], urgencySignals: [] },
      })),
    });
    for (const [i, text] of ['港湾新城7号楼从早上开始停水了', '港湾新城7栋停水，老人没法做饭'].entries()) {
      await w.useCases.routeNewTickets.execute({ ticketIds: [w.addTicket({ text, category: null, requester: { phone: `1370000000${i}` } }).id] });
    }
    // The other router of the same moment wins the insert between this one's read and its write.
    const clusters = w.repos.clusters;
    const insertOrGet = clusters.insertOrGet.bind(clusters);
    jest.spyOn(clusters, 'insertOrGet').mockImplementationOnce(async (row) => {
      clusters.table.insert({ ...row, title: '另一分拨先建', ticketCount: 3, requesterCount: 3 });
      return insertOrGet(row);
    });
    const t = w.addTicket({ text: '港湾新城七号楼一直没水', category: null, requester: { phone: '13700000009' } });
    const [out] = await w.useCases.routeNewTickets.execute({ ticketIds: [t.id] });
    expect(out.result).toBe('triage');
    expect(clusters.table.all()).toHaveLength(1);
    expect(new Set(w.repos.tickets.table.all().map((x) => x.clusterId))).toEqual(new Set([1]));
    expect(w.mails().filter((m) => m.kind === 'alert')).toEqual([]);
    expect(w.events(t.id).map((e) => e.type)).not.toContain('cluster_flagged');
  });

  it('does nothing the second time, nor to a ticket an operator already took', async () => {
    const w = ticketSpecWorld({ classifiers: scripted(() => ({})) });
    const t = w.addTicket();
    const taken = w.addTicket();
    await w.useCases.acceptTicket.execute({ ticketId: taken.id, actor: OPERATOR });
    await w.useCases.routeNewTickets.execute({ ticketIds: [t.id] });
    const again = await w.useCases.routeNewTickets.execute({ ticketIds: [t.id, taken.id] });
    expect(again.map((o) => o.result)).toEqual(['skipped', 'skipped']);
    expect(w.assignments(t.id)).toHaveLength(1);
  });

  it('skips a ticket it cannot route and goes on, but fails the job while the database is away (the queue retries it within seconds)', async () => {
    const failWith = { code: '' };
    const w = ticketSpecWorld({
      classifiers: scripted((text) => {
        if (text.includes('坏'))
          throw Object.assign(new Error(failWith.code ? 'connect ECONNREFUSED 127.0.0.1:3306' : 'model broken'), { code: failWith.code || undefined });
        return {};
      }),
    });
    const bad = w.addTicket({ text: '坏的一件' });
    const good = w.addTicket({ text: '路灯不亮' });
    const out = await w.useCases.routeNewTickets.execute({ ticketIds: [bad.id, good.id] });
    expect(out.map((o) => o.result)).toEqual(['skipped', 'dispatched']);

    failWith.code = 'ECONNREFUSED';
    const away = w.addTicket({ text: '又一件坏的' });
    const after = w.addTicket({ text: '井盖缺失' });
    await expect(w.useCases.routeNewTickets.execute({ ticketIds: [away.id, after.id] })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(w.ticket(after.id).status).toBe('received');
  });
});
