import { OPERATOR, ticketSpecWorld } from '../testing/ticket-spec-world';

const ROUTER = { kind: 'system' as const, id: null, name: '智能分拨' };

describe('dispatching a ticket to a unit (交办)', () => {
  it('gives the unit the ticket with its deadlines, mails it the notice after commit and learns from the operator', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket({ requester: { name: '张先生', phone: '13900000011' } });
    const unit = w.unit('东湖区城市管理局');
    const sent = await w.useCases.dispatchTicket.execute({ ticketId: t.id, unitId: unit.id, category: '城市管理/占道经营', actor: OPERATOR });

    expect(sent).toMatchObject({ status: 'dispatched', leadUnitId: unit.id, category: '城市管理/占道经营', disposition: 'dispatched' });
    expect(w.assignments(t.id)).toMatchObject([{ unitId: unit.id, role: 'lead', status: 'active' }]);
    expect(
      w
        .deadlines(t.id)
        .map((d) => d.stage)
        .sort(),
    ).toEqual(['acknowledge', 'first_contact', 'reply', 'return_window']);
    // Monday 09:00 + 5 working days: the reply is due next Monday 24:00, and the answer says so.
    expect(sent.replyDueAt).toEqual(new Date('2026-03-09T16:00:00Z'));
    const [mail] = w.mails();
    expect(mail).toMatchObject({ kind: 'dispatch', to: [unit.email], dedupeKey: `dispatch-${w.assignments(t.id)[0].id}` });
    expect(mail.subject).toMatch(/^交办工单 QH20260302-\d+/);
    expect(mail.text).toContain('现将以下工单交由贵单位主办');
    expect(w.uow.jobs.jobs).toEqual([{ name: 'mail-send', payload: { outboxId: 1 }, delayMs: undefined }]);
    expect(w.events(t.id).map((e) => e.type)).toEqual(['dispatch']);
    expect(w.repos.examples.table.all()).toMatchObject([{ ticketId: t.id, department: unit.name, disposition: 'dispatch' }]);
  });

  it("masks a confidential ticket's requester, address and the numbers in the letter in the mail to the unit", async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket({
      confidential: true,
      address: '青禾市东湖区桃园小区3栋501',
      subject: '张三丰反映楼上漏水',
      text: '我是张三丰，住青禾市东湖区桃园小区3栋501，楼上漏水。电话13900000011，身份证33010619900307123X，邮箱zsf@example.org。',
      requester: { name: '张三丰', phone: '13900000011', email: 'zsf@example.org', idNumber: '33010619900307123X', address: '青禾市东湖区桃园小区3栋501' },
    });
    await w.useCases.dispatchTicket.execute({ ticketId: t.id, unitId: w.unit('东湖区城市管理局').id, actor: OPERATOR });
    const [mail] = w.mails();
    for (const personal of ['张三丰', '13900000011', 'zsf@example.org', '33010619900307123X', '桃园小区', '3栋501']) {
      expect([personal, mail.subject.includes(personal) || mail.text.includes(personal)]).toEqual([personal, false]);
    }
    expect(mail.subject).toMatch(/：张\*\*反映楼上漏水$/);
    expect(mail.text).toContain('地址：青禾市东湖区****\n诉求人：张**（保密件，个人信息已隐去）\n联系电话：139****0011\n电子邮箱：z***@example.org\n');
    expect(mail.text).toContain('我是张**，住青禾市东湖区****，楼上漏水。电话139****0011，身份证330**************X，邮箱z***@example.org。');
  });

  it('texts an urgent ticket to the lead unit’s liaison officer at once (quiet hours or not), masked when confidential', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket({
      urgency: 'urgent',
      confidential: true,
      text: '张三丰报警：东湖区桃园小区燃气泄漏，电话13900000011',
      requester: { name: '张三丰', phone: '13900000011' },
    });
    const unit = w.unit('东湖区城市管理局');
    await w.useCases.dispatchTicket.execute({ ticketId: t.id, unitId: unit.id, actor: OPERATOR });
    const sms = w.repos.sms.table.all();
    expect(sms).toMatchObject([{ phone: '13900000102', kind: 'alert', urgent: true, ticketId: t.id }]);
    expect(sms[0].text).toMatch(/^【紧急】工单QH20260302-\d+：张\*\*报警：东湖区桃园小区燃气泄漏/);
    expect(sms[0].text).not.toContain('13900000011');
    expect(w.uow.jobs.jobs.filter((j) => j.name === 'send-sms')).toEqual([{ name: 'send-sms', payload: { smsId: sms[0].id }, delayMs: undefined }]);
  });

  it('sends no SMS for an ordinary ticket', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket();
    await w.useCases.dispatchTicket.execute({ ticketId: t.id, unitId: w.unit('东湖区城市管理局').id, actor: OPERATOR });
    expect(w.repos.sms.table.all()).toEqual([]);
  });

  it("writes an ordinary ticket's requester and address in full for the unit", async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket({ address: '东湖区桃园小区3栋501', requester: { name: '张三丰', phone: '13900000011' } });
    await w.useCases.dispatchTicket.execute({ ticketId: t.id, unitId: w.unit('东湖区城市管理局').id, actor: OPERATOR });
    expect(w.mails()[0].text).toContain('地址：东湖区桃园小区3栋501\n诉求人：张三丰\n联系电话：13900000011\n');
  });

  it('sends to assisting units too, each with its own reply limit and a notice as 协办', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket();
    const lead = w.unit('东湖区城市管理局');
    const assist = w.unit('市市场监督管理局');
    await w.useCases.dispatchTicket.execute({ ticketId: t.id, unitId: lead.id, assistUnitIds: [assist.id, assist.id], actor: OPERATOR });
    expect(w.assignments(t.id).map((a) => [a.unitId, a.role])).toEqual([
      [lead.id, 'lead'],
      [assist.id, 'assist'],
    ]);
    expect(
      w
        .deadlines(t.id)
        .filter((d) => d.unitId === assist.id)
        .map((d) => d.stage),
    ).toEqual(['reply']);
    expect(w.mails().find((m) => m.to[0] === assist.email)?.text).toContain('交由贵单位协办');
  });

  it('refuses a ticket already sent, a category not in taxonomy.yaml and a retired unit, changing nothing', async () => {
    const w = ticketSpecWorld();
    const t = await w.dispatched();
    const unit = w.unit('市市场监督管理局');
    await expect(w.useCases.dispatchTicket.execute({ ticketId: t.id, unitId: unit.id, actor: ROUTER })).rejects.toThrow(
      /cannot dispatch \(交办\) a ticket that is dispatched/,
    );
    const fresh = w.addTicket();
    await expect(w.useCases.dispatchTicket.execute({ ticketId: fresh.id, unitId: unit.id, category: '火星/外星人', actor: OPERATOR })).rejects.toThrow(
      'category 火星/外星人 is not in taxonomy.yaml; choose one of its categories (一级/二级)',
    );
    w.repos.units.table.update(unit.id, { active: false });
    await expect(w.useCases.dispatchTicket.execute({ ticketId: fresh.id, unitId: unit.id, actor: OPERATOR })).rejects.toThrow(
      `unit ${unit.id} does not exist or is retired`,
    );
    expect(w.ticket(fresh.id).status).toBe('received');
    expect(w.events(fresh.id)).toEqual([]);
    expect(w.mails()).toHaveLength(1);
  });

  it('names the bad field of a malformed command before reading anything', async () => {
    const w = ticketSpecWorld();
    await expect(w.useCases.dispatchTicket.execute({ ticketId: 1, unitId: 'abc' as never, actor: OPERATOR })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'unitId',
      message: expect.stringMatching(/^unitId must/),
    });
    await expect(w.useCases.dispatchTicket.execute({ ticketId: 1, unitId: 2, actor: { kind: 'robot' } as never })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'actor.kind',
    });
  });

  describe('as a person asks for it (POST /dispatch)', () => {
    it('answers a repeated request with the ticket as it is: no second event, deadline or mail', async () => {
      const w = ticketSpecWorld();
      const t = await w.dispatched();
      const again = await w.useCases.dispatchTicket.execute({ ticketId: t.id, unitId: t.leadUnitId as number, actor: OPERATOR, asAsked: true });
      expect(again).toMatchObject({ id: t.id, status: 'dispatched', version: t.version });
      expect(w.events(t.id)).toHaveLength(1);
      expect(w.mails()).toHaveLength(1);
    });

    it("reassigns (改派) a ticket the router already sent elsewhere: the person's choice wins", async () => {
      const w = ticketSpecWorld();
      const t = w.addTicket();
      await w.useCases.dispatchTicket.execute({ ticketId: t.id, unitId: w.unit('东湖区城市管理局').id, actor: ROUTER });
      const chosen = w.unit('市市场监督管理局');
      const moved = await w.useCases.dispatchTicket.execute({ ticketId: t.id, unitId: chosen.id, actor: OPERATOR, asAsked: true });
      expect(moved).toMatchObject({ status: 'dispatched', leadUnitId: chosen.id });
      expect(w.events(t.id).map((e) => e.type)).toEqual(['dispatch', 'reassign']);
      expect(w.assignments(t.id).map((a) => a.status)).toEqual(['reassigned', 'active']);
    });
  });
});
