/** What the console writes for the API's refusals, the classifier's reasons and the admin tables: Chinese, never raw codes. */
import { sameTicket, ticketIdFrom } from '../../apps/console/src/ticket-ref';
import { adminCell, columnsFor, sectionPath, sectionsFor } from '../../apps/console/src/admin-sections';
import { apiErrorText } from '../../apps/console/src/api-errors';
import { eventDetail, pendingRequest } from '../../apps/console/src/event-detail';
import { percent } from '../../apps/console/src/format';
import { summaryFigures } from '../../apps/console/src/report-summary';
import { normaliseStats } from '../../apps/console/src/stats';
import type { Schemas } from '../../apps/console/src/types';
import { EVENT_LABELS } from '../../apps/console/src/labels';
import { explainWhy, reasonText } from '../../apps/console/src/why';
import { toBody, toDraft } from '../../apps/console/src/rule-form';

describe('console text', () => {
  it('shows the API refusals an operator meets in Chinese, with their particulars', () => {
    expect(apiErrorText(422, { code: 'ACTION_REFUSED', message: 'the ticket is already with 市住房和城乡建设局; reassign it to another unit' })).toBe(
      '该工单已由“市住房和城乡建设局”承办，请改派给其他单位',
    );
    expect(apiErrorText(422, { code: 'ACTION_REFUSED', message: 'an extension may be at most 10 working days (asked: 60)' })).toBe(
      '延期最多 10 个工作日（申请了 60 天）',
    );
    expect(
      apiErrorText(409, {
        code: 'ILLEGAL_TRANSITION',
        message: 'cannot return (退单) a ticket that is extension_requested (延期申请中); allowed from: dispatched, acknowledged',
      }),
    ).toBe('工单当前为“延期申请中”，不能退单，请刷新后查看可执行的操作');
    expect(
      apiErrorText(422, { code: 'ACTION_REFUSED', message: 'the return window closed at 2026-12-01T16:00:00.000Z; ask an operator to reassign instead' }),
    ).toBe('退单期限已于 2026-12-01 24:00 截止，不能退单；如确非本单位职责，请联系话务员改派');
    expect(apiErrorText(404, { code: 'TICKET_NOT_FOUND', message: 'ticket 99999 not found' })).toBe('工单 99999 不存在或无权查看');
    expect(apiErrorText(400, { code: 'MISSING_TRANSITION_DATA', message: 'reply (办结反馈) needs an outcome: one of resolved, unresolved' })).toBe(
      '办结反馈需要填写办理结果',
    );
    expect(apiErrorText(400, { message: ['reason 不能为空：请说明理由'] })).toBe('理由不能为空：请说明理由');
    expect(apiErrorText(422, { code: 'ACTION_REFUSED', message: 'region 火星区 is not in regions.yaml; choose one of 东湖区, 西城区' })).toBe(
      '区域“火星区”不在区域目录中，请从列表中选择',
    );
    // 办结归档 offered before 回访: the operator is told why a reason is asked for.
    expect(
      apiErrorText(400, {
        code: 'MISSING_TRANSITION_DATA',
        message: 'close (办结归档) needs a reason: the requester was not surveyed (回访); say why the ticket is closed without it, e.g. 多次联系不上诉求人',
      }),
    ).toBe('此工单尚未回访：不回访直接办结归档，请在“说明”中写明原因（如 多次联系不上诉求人）');
  });

  it('never shows an English message it does not know: the meaning of its code or status instead', () => {
    expect(apiErrorText(409, { code: 'ILLEGAL_TRANSITION', message: 'something new went wrong with the lifecycle' })).toBe(
      '工单状态已变化，当前不能执行此操作，请刷新后重试',
    );
    expect(apiErrorText(500, { message: 'internal error; the log has the details' })).toBe('服务器内部错误，请联系管理员查看日志');
    expect(apiErrorText(403, { message: 'Forbidden resource' })).toBe('没有权限执行此操作');
    expect(apiErrorText(502, null)).toBe('服务暂不可用');
    expect(apiErrorText(400, { message: ['phone must be a phone number (digits, spaces, -)', 'email must be an e-mail address'] })).toBe(
      '联系电话填写不正确；电子邮箱填写不正确',
    );
    expect(apiErrorText(400, { code: 'BAD_INPUT', message: 'source 市长公开电话 is a hotline source; send channel hotline or leave channel out' })).toBe(
      '来源线路“市长公开电话”属于热线渠道，请选择对应的渠道',
    );
  });

  it("explains the classifier's reasons in words, not as raw keys or [object Object]", () => {
    const why = {
      matchedRules: [],
      topTerms: ['电梯', '小区', '修,', ',老人'],
      place: { name: '幸福里', region: '东湖区' },
      ambiguousPlaces: [],
      urgencySignals: ['燃气泄漏'],
      notAuto: 'low confidence',
    };
    const text = explainWhy(why);
    expect(text).toBe('关键词 电梯、小区、修、老人；地点 幸福里（东湖区）；紧急迹象 燃气泄漏；未自动分拨：置信度不足，需人工确认');
    expect(text).not.toMatch(/object|matchedRules|notAuto/);
    expect(reasonText('low confidence')).toBe('置信度不足，需人工确认');
    expect(reasonText('不属于本单位职责')).toBe('不属于本单位职责');
  });

  it('shows why a letter was quarantined and whether a mailbox is failing, with Beijing times and Chinese states', () => {
    const item = {
      id: 1,
      kind: 'mail',
      sourceName: '市长信箱',
      status: 'quarantined',
      reason: '内容含有 NUL 字节',
      createdAt: '2026-11-29T06:10:00.000Z',
      rawPath: 'raw/x.eml',
      sha256: 'ab',
    };
    const shown = Object.fromEntries(columnsFor('intake-items').map((c) => [c.label, adminCell(item, c)]));
    expect(shown).toMatchObject({ 类型: '邮件', 状态: '已隔离', 原因: '内容含有 NUL 字节', 收到时间: '2026-11-29 14:10' });
    expect(Object.values(shown)).not.toContain('raw/x.eml');

    const mailbox = {
      name: '市长信箱',
      host: 'imap.example',
      folder: 'INBOX',
      state: { id: 1, folder: 'INBOX', status: 'failing', consecutiveFailures: 3, lastError: 'login failed', lastSuccessAt: null },
    };
    const box = Object.fromEntries(columnsFor('mailboxes').map((c) => [c.label, adminCell(mailbox, c)]));
    expect(box).toMatchObject({ 状态: '收取失败', 连续失败: '3', 最近错误: 'login failed', 最近成功: '—' });

    const user = { username: 'unit1', role: 'unit', units: [{ id: 1, name: '市住房和城乡建设局' }], active: true };
    const u = Object.fromEntries(columnsFor('users').map((c) => [c.label, adminCell(user, c)]));
    expect(u).toMatchObject({ 角色: '承办单位', 所属单位: '市住房和城乡建设局', 启用: '是' });
  });

  it('offers a supervisor only the admin pages the API lets a supervisor open', () => {
    expect(sectionsFor('supervisor').map((s) => s.key)).not.toContain('users');
    expect(sectionsFor('supervisor').map((s) => s.key)).not.toContain('audit');
    expect(sectionsFor('admin').map((s) => s.key)).toEqual(expect.arrayContaining(['users', 'audit', 'intake-items', 'mailboxes', 'imports']));
    // Webhook deliveries are the administrator's (the API answers 403 to a supervisor).
    expect(sectionsFor('supervisor').map((s) => s.key)).not.toContain('webhooks');
    expect(sectionsFor('admin').map((s) => s.key)).toContain('webhooks');
  });

  it('lists the webhook and upstream push-back deliveries that were given up, in Chinese, from their own API path', () => {
    expect(sectionPath('webhooks')).toBe('/api/admin/webhooks/deliveries?status=failed');
    expect(sectionPath('outbox')).toBe('/api/admin/outbox');
    const delivery = {
      id: 7,
      endpoint: 'upstream-province',
      eventType: 'reply',
      ticketId: 12,
      status: 'failed',
      attempts: 9,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
    };
    const row = Object.fromEntries(columnsFor('webhooks').map((c) => [c.label, adminCell(delivery, c)]));
    expect(row).toMatchObject({ 接收方: 'upstream-province', 工单: '12', 状态: '投递失败', 尝试次数: '9', 最近应答: '503', 最近错误: 'HTTP 503' });
  });
});

describe('console timeline', () => {
  it('names every event the hub records, the repeat merged into a ticket included', () => {
    for (const type of ['repeat_merged', 'cluster_flagged', 'first_contact', 'assist_acknowledged', 'assist_replied', 'received', 'merge']) {
      expect(EVENT_LABELS[type]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('console statistics', () => {
  it('shows a rate with nothing to divide by as — , not 0.0%: no survey yet is not a 满意率 of 0%', () => {
    const s = normaliseStats({
      total: { dispatched: 12, replied: 0, surveyed: 0, rates: { responseRate: 0.0833, feedbackRate: 0, satisfactionRate: 0, resolutionRate: 0 } },
      groups: [{ name: '市水务集团', figures: { dispatched: 0, replied: 0, surveyed: 0, rates: { responseRate: 0, feedbackRate: 0 } } }],
      daily: [],
    } as unknown as Schemas['Timeliness']); // only the fields this test is about
    expect(percent(s.rates.responseRate)).toBe('8.3%');
    expect(percent(s.rates.feedbackRate)).toBe('0.0%');
    expect(percent(s.rates.satisfactionRate)).toBe('—');
    expect(percent(s.rates.resolutionRate)).toBe('—');
    expect(percent(s.rows[0].rates.responseRate)).toBe('—');
  });
});

describe('console work summary', () => {
  it('previews the summary as an office writes it: by line and mailbox, 办结 of the dispatched, — for a rate with nothing to count, repeats', () => {
    const figures = summaryFigures({
      received: { total: 15, byChannel: { hotline: 15, mailbox: 0, web: 0 }, bySource: { 区长公开电话: 7, 市长公开电话: 8 } },
      dispositions: { directAnswer: 0, serviceProvided: 0, dispatched: 12, invalid: 0, merged: 1 },
      dispatched: { total: 12, replied: 0, closed: 0 },
      rates: { responseRate: 0.0833, feedbackRate: 0, completionRate: 0, onTimeRate: 0, satisfactionRate: 0, resolutionRate: 0 },
      previousPeriod: { total: 10, change: 0.5 },
      repeats: 1,
      collective: 0,
      timeliness: { surveyed: 0 },
    } as unknown as Schemas['WorkSummary']); // only the fields this test is about
    const shown = Object.fromEntries(figures.map((f) => [f.label, f.value]));
    expect(shown).toMatchObject({
      受理总量: '15',
      热线: '15',
      区长公开电话: '7',
      市长公开电话: '8',
      交办: '12',
      其中办结: '0',
      响应率: '8.3%',
      反馈率: '0.0%',
      满意率: '—',
      解决率: '—',
      同比变化: '+50.0%',
      重复件: '1',
      集体访: '0',
    });
  });
});

describe('console approvals', () => {
  const events = [
    { type: 'acknowledge', actor: '市住房和城乡建设局 承办人', at: '2026-11-29T14:23:39Z', reason: null, data: {} },
    { type: 'request_extension', actor: '市住房和城乡建设局 承办人', at: '2026-11-29T14:25:00Z', reason: '需协调物业和维保公司', data: { extensionDays: 5 } },
    { type: 'return', actor: '市生态环境局 承办人', at: '2026-11-29T15:00:00Z', reason: '燃气管道不属于本局职责', data: {} },
  ];

  it('shows the approver what the unit asked for: the days and reason of a 延期, the reason of a 退单', () => {
    expect(pendingRequest(events, 'approve_extension')).toBe('申请延期 5 个工作日；理由：需协调物业和维保公司（市住房和城乡建设局 承办人，2026-11-29 22:25）');
    expect(pendingRequest(events, 'reject_return')).toBe('退单理由：燃气管道不属于本局职责（市生态环境局 承办人，2026-11-29 23:00）');
    expect(pendingRequest(events, 'survey')).toBe('');
  });

  it('writes the days of a 延期 and the text of a 办结反馈 in the timeline', () => {
    expect(eventDetail(events[1])).toBe('延期 5 个工作日');
    expect(eventDetail({ type: 'reply', actor: 'x', at: '', reason: null, data: { outcome: 'resolved', replyText: '已更换楼道灯' } })).toBe(
      '结果：已解决；已更换楼道灯',
    );
  });
});

describe('console 并单', () => {
  it('merges only into the ticket whose number was typed, not another that shares its last digits', () => {
    expect(ticketIdFrom('QH20261124-000004')).toBe(4);
    expect(sameTicket('QH20261124-000004', 'QH20261124-000004')).toBe(true);
    expect(sameTicket(' qh20261124-000004 ', 'QH20261124-000004')).toBe(true);
    expect(sameTicket('4', 'QH20261124-000004')).toBe(true);
    // a mistyped date, or a history import's 编号 2025-000123, ends in the digits of another ticket
    expect(sameTicket('QH20261128-000004', 'QH20261124-000004')).toBe(false);
    expect(sameTicket('2025-000123', 'QH20261129-000123')).toBe(false);
  });
});

describe('console 分拨规则', () => {
  const rule = (conditions: Record<string, unknown>, actions: Record<string, unknown>) =>
    ({ id: 1, name: '燃气', priority: 100, enabled: true, conditions, actions, version: 1, updatedBy: 'admin', updatedAt: '2026-12-01T00:00:00Z' }) as const;

  it('shows a rule as its conditions and actions in words, never as JSON', () => {
    const r = rule({ keywords: ['燃气', '煤气'], channels: ['hotline'], regions: ['东湖区'] }, { unit: '市燃气集团', urgency: 'urgent', auto: false });
    expect(
      adminCell(
        r,
        columnsFor('rules').find((c) => c.kind === 'rule')!,
      ),
    ).toBe('任一关键词 燃气、煤气；区域 东湖区；渠道 热线 → 交办 市燃气集团；紧急；须人工确认');
  });

  it('saves what the form shows: words split on commas and 、, patterns one a line, unknown conditions kept', () => {
    const d = toDraft(rule({ keywords: ['燃气'], patterns: ['\\d{3,4}号'], custom: 'x' }, { urgency: 'urgent' }));
    d.keywords = '燃气，煤气、天然气,液化气';
    d.sensitive = true;
    expect(toBody(d)).toEqual({
      name: '燃气',
      priority: 100,
      enabled: true,
      conditions: { custom: 'x', keywords: ['燃气', '煤气', '天然气', '液化气'], patterns: ['\\d{3,4}号'] },
      actions: { urgency: 'urgent', sensitive: true },
    });
  });

  it('says in Chinese what a refused rule lacks', () => {
    const refused = (...problems: string[]) => apiErrorText(400, { code: 'BAD_INPUT', message: `规则未保存：${problems.join('；')}` });
    expect(refused('conditions 至少需要一个条件（keywords、allKeywords、patterns、regions、channels 或 sources）')).toBe(
      '规则未保存：至少需要一个条件（任一关键词、同时包含、正则表达式、区域、渠道或来源）',
    );
    expect(refused('conditions.patterns[1] "(a+)+" 嵌套重复，可能导致回溯', 'actions.unit 必须是非空字符串')).toBe(
      '规则未保存：正则表达式第 2 条 "(a+)+" 嵌套重复，可能导致回溯；交办单位 必须是非空字符串',
    );
  });
});
