/**
 * #14 findings 7 and 8: what a unit reads of a requester. On a confidential (保密) ticket the
 * requester was masked but the ticket's address, the letter and the dispatch mail were not; a
 * unit that had returned a ticket still read the requester and everything that happened later.
 * Every ticket route is called as the unit user (read from the router, so a new route is covered
 * too) and no personal field may appear anywhere in what it answers.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { DataSource } from 'typeorm';
import { AttachmentEntity, openDatabase, OutgoingMailEntity, TypeOrmUnitOfWork } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { fixedClock } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { reminderUseCases } from '@hub/reminders';
import { ApiHarness, listRoutes, startApi } from '@hub/testing';
import { AttachmentLinks } from '../../apps/api/src/tickets/attachment-links';

const LINK_SECRET = 'test-link-secret-'.padEnd(48, 'x');
const REQUESTER = { name: '张三丰', phone: '13912345678', email: 'zsf@example.org', idNumber: '33010619900307123X' };
const ADDRESS = '青禾市东湖区桃园小区3栋501';
const TEXT = `我是张三丰，住${ADDRESS}，楼上卫生间漏水一个月了。电话13912345678，身份证33010619900307123X，邮箱zsf@example.org。`;
/** Any of these in an answer to a unit is a leak (the masked forms keep none of them whole). */
const PERSONAL = ['张三丰', '13912345678', '1391234', '2345678', 'zsf@', '33010619900307123X', '19900307', '桃园小区', '3栋501'];

function leaks(what: string, body: unknown): string[] {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return PERSONAL.filter((p) => text.includes(p)).map((p) => `${what}: ${p}`);
}

describe('personal data a unit reads (confidential tickets, tickets it let go)', () => {
  let api: ApiHarness;
  let ds: DataSource;
  let operator: string;
  let unit1: string;
  let unit2: string;
  let unit1Id: number;
  let unit2Id: number;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startApi({ HUB_LINK_SECRET: LINK_SECRET });
    ds = await openDatabase(api.config.env.database);
    operator = await api.login('operator');
    const login = async (username: string) => (await api.http().post('/api/auth/login').send({ username, password: 'hub12345' })).body;
    const [u1, u2] = [await login('unit1'), await login('unit2')];
    [unit1, unit1Id, unit2, unit2Id] = [u1.token, u1.user.units[0].id, u2.token, u2.user.units[0].id];
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await api?.close();
  });

  const act = async (id: number, action: string, token: string, body: object = {}) => {
    const res = await api.http().post(`/api/tickets/${id}/${action}`).set(auth(token)).send(body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  async function newTicket(confidential: boolean): Promise<{ id: number; attachmentId: number }> {
    const res = await api
      .http()
      .post('/api/intake')
      .set(auth(operator))
      .send({ ...REQUESTER, subject: '张三丰反映楼上漏水', text: TEXT, address: ADDRESS, confidential, channel: 'web', source: '网上信访' });
    expect(res.status).toBe(201);
    const dir = join(api.config.env.dataDir, 'att');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${res.body.id}.jpg`), 'JPEG');
    const a = await ds.getRepository(AttachmentEntity).save({
      ticketId: res.body.id,
      intakeItemId: null,
      filename: '张三丰_13912345678_漏水照片.jpg',
      contentType: 'image/jpeg',
      size: 4,
      sha256: '0'.repeat(64),
      path: `att/${res.body.id}.jpg`,
      tooLarge: false,
    });
    return { id: res.body.id, attachmentId: a.id };
  }

  /** Every ticket and attachment route, as the router has them, called by `token` on ticket `id`. */
  async function everyRoute(token: string, id: number, attachmentId: number): Promise<string[]> {
    const found: string[] = [];
    const routes = listRoutes(api.app).filter(([, p]) => p.startsWith('/api/tickets') || p.startsWith('/api/attachments'));
    expect(routes.length).toBeGreaterThan(20);
    for (const [method, path] of routes) {
      const url = path.replace(':attachmentId', String(attachmentId)).replace(':id', String(id));
      const req = api.http()[method.toLowerCase() as 'get' | 'post'](url).set(auth(token));
      const res = method === 'POST' ? await req.send({}) : await req;
      found.push(...leaks(`${method} ${path} (${res.status})`, `${JSON.stringify(res.body)} ${res.headers['content-disposition'] ?? ''}`));
    }
    for (const view of ['all', 'pending_ack', 'in_progress', 'due_soon', 'overdue', 'returned']) {
      for (const q of [`view=${view}`, `view=${view}&q=${encodeURIComponent('漏水')}`]) {
        const res = await api.http().get(`/api/tickets?${q}`).set(auth(token));
        expect([q, res.status]).toEqual([q, 200]);
        found.push(...leaks(`GET /api/tickets?${q}`, res.body));
      }
    }
    return found;
  }

  it('masks every personal field of a confidential ticket for the unit holding it: detail, lists, actions, file names, links and the mail', async () => {
    const { id, attachmentId } = await newTicket(true);
    await act(id, 'dispatch', operator, { unitId: unit1Id });
    // The desk reads it whole.
    const desk = await api.http().get(`/api/tickets/${id}`).set(auth(operator));
    expect(desk.body).toMatchObject({ address: ADDRESS, text: TEXT, access: 'full', requester: { name: '张三丰', phone: '13912345678' } });

    const seen: string[] = [];
    for (const [action, body] of [
      ['acknowledge', {}],
      ['contact', { text: '已通过热线转达' }],
      ['extension', { days: 2, reason: '需协调物业' }],
    ] as const) {
      seen.push(...leaks(action, await act(id, action, unit1, body)));
    }
    const detail = (await api.http().get(`/api/tickets/${id}`).set(auth(unit1))).body;
    expect(detail).toMatchObject({
      access: 'masked',
      address: '青禾市东湖区****',
      subject: '张**反映楼上漏水',
      requester: { name: '张**', phone: '139****5678', email: 'z***@example.org', idNumber: null, address: null, masked: true },
      attachments: [{ id: attachmentId, filename: '张**_139****5678_漏水照片.jpg' }],
    });
    expect(detail.text).toContain('楼上卫生间漏水一个月了');

    // The attachment opens by a signed link whose file name is masked too; no token in any URL.
    const link = await api.http().post(`/api/tickets/${id}/attachments/${attachmentId}/link`).set(auth(unit1));
    expect(link.status).toBe(200);
    expect(link.body.url).toMatch(new RegExp(`^/api/attachments/${attachmentId}\\?expires=\\d+&masked=1&signature=[\\w-]{43}$`));
    const file = await api.http().get(link.body.url);
    expect([file.status, file.headers['content-disposition']]).toEqual([
      200,
      `attachment; filename*=UTF-8''${encodeURIComponent('张**_139****5678_漏水照片.jpg')}`,
    ]);
    expect(file.headers['cache-control']).toBe('private, no-store');

    seen.push(...(await everyRoute(unit1, id, attachmentId)));
    seen.push(...leaks('reply', await act(id, 'reply', unit1, { outcome: 'resolved', text: '已协调物业维修' })));
    seen.push(...(await everyRoute(unit1, id, attachmentId)));
    const mails = await ds.getRepository(OutgoingMailEntity).findBy({ ticketId: id, kind: 'dispatch' });
    expect(mails).toHaveLength(1);
    seen.push(...leaks('dispatch mail', `${mails[0].subject}\n${mails[0].text}`));
    expect(mails[0].text).toContain('地址：青禾市东湖区****');
    expect(seen).toEqual([]);
  });

  it('masks the requester in the reminder mails of a confidential ticket (the excerpt of the request)', async () => {
    const { id } = await newTicket(true);
    await act(id, 'dispatch', operator, { unitId: unit1Id });
    // A sweep a week later: the unit never signed, so it is reminded and the supervisors get 督办.
    const later = new Date(Date.now() + 7 * 86_400_000);
    const sweep = reminderUseCases({
      uow: new TypeOrmUnitOfWork(ds, new RecordingJobProducer()),
      clock: fixedClock(later),
      config: api.config,
      policies: loadDeadlinePolicies(api.config),
      jobs: new RecordingJobProducer(),
    }).sweep;
    await sweep.execute({ digests: false });
    const mails = await ds.getRepository(OutgoingMailEntity).findBy({ ticketId: id, kind: 'reminder' });
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.flatMap((m) => leaks('reminder mail', `${m.subject}\n${m.text}`))).toEqual([]);
    expect(mails[0].text).toContain('张**反映楼上漏水');
  });

  it('opens a signed link only as signed and until it expires, and never with the session token in the URL', async () => {
    const { id, attachmentId } = await newTicket(false);
    const { url } = (await api.http().post(`/api/tickets/${id}/attachments/${attachmentId}/link`).set(auth(operator))).body;
    expect((await api.http().get(url)).headers['content-disposition']).toContain(encodeURIComponent('张三丰_13912345678_漏水照片.jpg'));
    const tampered = await api.http().get(url.replace('masked=0', 'masked=1'));
    expect([tampered.status, tampered.body.message]).toEqual([403, '下载链接无效：请回到工单页面重新点击附件']);
    const other = await api.http().get(url.replace(`/attachments/${attachmentId}?`, `/attachments/${attachmentId + 1000}?`));
    expect(other.status).toBe(403);
    const old = new AttachmentLinks(LINK_SECRET, () => new Date(Date.now() - 3600_000)).create(attachmentId, false).url;
    const expired = await api.http().get(old);
    expect([expired.status, expired.body.message]).toEqual([403, '下载链接已过期（有效 5 分钟）：请回到工单页面重新点击附件']);
    const malformed = await api.http().get(`/api/attachments/${attachmentId}?expires=abc&masked=0&signature=x`);
    expect([malformed.status, malformed.body.message]).toEqual([400, expect.stringMatching(/^查询参数 expires 无效/)]);
    const token = await api.http().get(`/api/tickets/${id}/attachments/${attachmentId}?access_token=${encodeURIComponent(operator)}`);
    expect(token.status).toBe(401);
  });

  it('does not start in production without HUB_LINK_SECRET, and says which setting is missing', async () => {
    const { createApiApp } = await import('../../apps/api/src/bootstrap');
    const env = api.config.env;
    const config = { ...api.config, env: { ...env, security: { ...env.security, production: true, linkSecret: null } } };
    await expect(createApiApp(config, { logger: false })).rejects.toThrow(/HUB_LINK_SECRET must be set when NODE_ENV=production/);
  });

  it('shows a unit that returned a ticket only its own part, up to its return, and no personal data', async () => {
    const { id, attachmentId } = await newTicket(false);
    await act(id, 'dispatch', operator, { unitId: unit1Id });
    // While it holds an ordinary ticket the unit reads the requester, to contact them.
    expect((await api.http().get(`/api/tickets/${id}`).set(auth(unit1))).body).toMatchObject({
      access: 'full',
      address: ADDRESS,
      requester: { phone: '13912345678' },
    });
    await act(id, 'acknowledge', unit1);
    const returned = await act(id, 'return', unit1, { reason: '不属于本单位职责，应由物业主管部门处理' });
    expect(leaks('the answer to its own 退单', returned)).toEqual([]);
    // Later: approved, sent to another unit, which contacts the requester and replies.
    await act(id, 'approve-return', operator, { reason: '同意' });
    await act(id, 'dispatch', operator, { unitId: unit2Id });
    await act(id, 'acknowledge', unit2);
    await act(id, 'contact', unit2, { text: '已电话联系张三丰（13912345678）' });
    await act(id, 'reply', unit2, { outcome: 'resolved', text: '已联系张三丰，物业已维修' });

    const detail = (await api.http().get(`/api/tickets/${id}`).set(auth(unit1))).body;
    expect(detail).toMatchObject({
      access: 'former',
      requester: null,
      attachments: [],
      tasks: [],
      actions: [],
      leadUnit: null,
      outcome: null,
      address: '青禾市东湖区****',
    });
    expect(detail.assignments.map((a: { unitId: number; status: string }) => [a.unitId, a.status])).toEqual([[unit1Id, 'returned']]);
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(['received', 'dispatch', 'acknowledge', 'return']);
    expect(detail.deadlines.every((d: { unit: string | null }) => d.unit === detail.assignments[0].unit)).toBe(true);
    const file = await api.http().post(`/api/tickets/${id}/attachments/${attachmentId}/link`).set(auth(unit1));
    expect(file.status).toBe(404);
    expect(await everyRoute(unit1, id, attachmentId)).toEqual([]);
    // The unit holding it now still reads the requester; the one that returned it was never told.
    expect((await api.http().get(`/api/tickets/${id}`).set(auth(unit2))).body).toMatchObject({ access: 'full', requester: { phone: '13912345678' } });
  });
});
