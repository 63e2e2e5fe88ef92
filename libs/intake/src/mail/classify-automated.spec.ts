import { type AutomatedCheckInput, HUB_MARKER_HEADER, classifyAutomated } from './classify-automated';

const letter = (over: Partial<AutomatedCheckInput> & { h?: Record<string, string> } = {}): AutomatedCheckInput => ({
  headers: new Map(Object.entries(over.h ?? {}).map(([k, v]) => [k.toLowerCase(), [v]])),
  from: over.from ?? { address: 'citizen@example.cn' },
  subject: over.subject ?? '关于小区噪音的投诉',
  contentType: over.contentType ?? 'text/plain',
  contentTypeParams: over.contentTypeParams,
  text: over.text,
});

describe('classifyAutomated', () => {
  it('lets an ordinary citizen letter through', () => {
    expect(classifyAutomated(letter())).toBeNull();
    expect(classifyAutomated(letter({ h: { 'Auto-Submitted': 'no' } }))).toBeNull();
  });

  it('recognises our own mail coming back by the marker header or our own address', () => {
    expect(classifyAutomated(letter({ h: { [HUB_MARKER_HEADER]: 'QH20250302-000123' } }))?.kind).toBe('loop');
    expect(classifyAutomated(letter({ from: { address: 'Mayor@Hub.example' } }), { ownAddresses: ['mayor@hub.example'] })?.kind).toBe('loop');
  });

  it.each([
    [{ h: { 'Auto-Submitted': 'auto-replied' } }, 'auto-reply'],
    [{ h: { 'X-Autoreply': 'yes' } }, 'auto-reply'],
    [{ h: { 'X-Autorespond': 'Vacation' } }, 'auto-reply'],
    [{ h: { Precedence: 'bulk' } }, 'bulk'],
    [{ h: { Precedence: 'junk' } }, 'bulk'],
    [{ h: { Precedence: 'auto_reply' } }, 'auto-reply'],
    [{ from: { address: 'MAILER-DAEMON@mx.example.cn' } }, 'bounce'],
    [{ from: { address: 'postmaster@example.cn' } }, 'bounce'],
    [{ contentType: 'multipart/report', contentTypeParams: { 'report-type': 'delivery-status' } }, 'bounce'],
    [{ subject: '自动回复：您的来信已收到' }, 'auto-reply'],
    [{ subject: '自动答复: 关于您的来信' }, 'auto-reply'],
    [{ subject: '休假中，请联系同事' }, 'auto-reply'],
    [{ subject: 'Out of Office: back on Monday' }, 'auto-reply'],
    [{ subject: 'Automatic reply: 关于噪音' }, 'auto-reply'],
    [{ subject: 'Undeliverable: 关于您反映问题的答复' }, 'bounce'],
    [{ subject: 'Delivery Status Notification (Failure)' }, 'bounce'],
    [{ subject: '无法投递: 关于您反映问题的答复' }, 'bounce'],
    [{ subject: '未送达：关于您反映问题的答复' }, 'bounce'],
    [{ subject: '无法送达: 关于您反映问题的答复' }, 'bounce'],
    [{ subject: '退回: 关于您反映问题的答复' }, 'bounce'],
    [{ subject: '邮件投递失败通知' }, 'bounce'],
    [{ subject: '投递失败报告' }, 'bounce'],
    [{ subject: '假期自动回复:关于您反映问题的答复' }, 'auto-reply'],
    [{ subject: '自動回覆: 关于您反映问题的答复' }, 'auto-reply'],
    [{ subject: 'Re:关于您反映问题的答复【自動回覆】' }, 'auto-reply'],
    [{ subject: '回复：关于您反映问题的答复', text: '这是来自QQ邮箱的假期自动回复邮件。\n\n您好，我最近正在休假中。' }, 'auto-reply'],
    [{ subject: '您的邮件已收到', text: '这是一封自动回复邮件：您好，您的来信已收到。' }, 'auto-reply'],
  ] as Array<[Partial<AutomatedCheckInput> & { h?: Record<string, string> }, string]>)('ignores %j as %s', (over, kind) => {
    const r = classifyAutomated(letter(over));
    expect(r?.kind).toBe(kind);
    expect(r?.reason.length).toBeGreaterThan(4);
  });

  it('does not mistake a citizen writing about leave for an out-of-office notice', () => {
    expect(classifyAutomated(letter({ subject: '关于单位拒绝批准年休假的投诉' }))).toBeNull();
    expect(classifyAutomated(letter({ subject: '回复：关于噪音投诉的答复 [QH20250302-000123]' }))).toBeNull();
    expect(classifyAutomated(letter({ subject: '关于快递投递失败无人处理的投诉' }))).toBeNull();
    expect(classifyAutomated(letter({ subject: '关于退回工单的意见' }))).toBeNull();
    expect(classifyAutomated(letter({ text: '我收到的只是一封自动回复邮件，问题没人处理。' }))).toBeNull();
  });
});
