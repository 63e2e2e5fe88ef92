import type { AddressInfo } from 'net';
import { openDatabase, OutgoingMailEntity } from '@hub/database';
import { ApiHarness, startApi } from '@hub/testing';
import type { DataSource } from 'typeorm';
import { type Format, GeoReportClient } from './open311-client';

const KEY = 'civic-app-key-0123456789';
const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const ISO_WITH_ZONE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/;

/** Open311 GeoReport v2 against the real API on MariaDB + Redis, in both formats, checked against the spec. */
describe.each<Format>(['json', 'xml'])('Open311 GeoReport v2 (%s)', (format) => {
  let api: ApiHarness;
  let ds: DataSource;
  let client: GeoReportClient;
  let endpoint: string;

  beforeAll(async () => {
    api = await startApi({ HUB_OPEN311_KEYS: `${KEY}=随手拍`, HUB_PUBLIC_URL: 'https://12345.qinghe.example.cn' });
    await api.app.listen(0, '127.0.0.1');
    endpoint = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}/open311/v2`;
    client = new GeoReportClient(endpoint, KEY, format);
    ds = await openDatabase(api.config.env.database);
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
    await api?.close();
  });

  const service = async (path: string) => (await client.services()).body.find((s) => s.description === path) as Record<string, string>;

  it('discovery and services as the spec lists them, in the asked format', async () => {
    const d = await client.discovery();
    expect(d.status).toBe(200);
    expect(d.contentType).toContain(format === 'json' ? 'application/json' : 'text/xml');
    if (format === 'xml') expect(d.raw.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const [ep] = d.body.endpoints as Array<Record<string, unknown>>;
    expect(ep).toMatchObject({ specification: SPEC, url: 'https://12345.qinghe.example.cn/open311/v2', type: 'production' });
    expect(ep.formats).toEqual(['text/xml', 'application/json']);

    const services = (await client.services()).body;
    expect(services.length).toBeGreaterThan(20);
    const stalls = await service('城市管理/占道经营');
    expect(stalls).toMatchObject({ service_name: '占道经营', group: '城市管理', type: 'realtime' });
    expect(String(stalls.metadata)).toBe('false');
    expect(new Set(services.map((s) => s.service_code)).size).toBe(services.length);
    const def = await client.serviceDefinition(stalls.service_code);
    expect(def.body).toMatchObject({ service_code: stalls.service_code });
    const unknown = await client.serviceDefinition('nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual([{ code: format === 'json' ? 404 : '404', description: 'service_code nope 不存在' }]);
  });

  it('refuses a request without a valid api_key, service_code or location, with errors in the spec’s shape', async () => {
    const stalls = await service('城市管理/占道经营');
    const noKey = await new GeoReportClient(endpoint, null, format).postRequest({
      service_code: stalls.service_code,
      address_string: '东门商业街',
      description: '占道',
    });
    expect(noKey.status).toBe(403);
    expect(noKey.body).toEqual([{ code: format === 'json' ? 403 : '403', description: 'api_key 缺失或无效：请使用本平台发放的 Open311 密钥' }]);
    const wrongKey = await new GeoReportClient(endpoint, 'not-a-key-0123456789', format).postRequest({
      service_code: stalls.service_code,
      address_string: 'x',
    });
    expect(wrongKey.status).toBe(403);
    expect((await client.postRequest({ address_string: '东门商业街' })).status).toBe(400);
    expect((await client.postRequest({ service_code: 'nope', address_string: '东门商业街' })).status).toBe(400);
    const noPlace = await client.postRequest({ service_code: stalls.service_code, description: '占道' });
    expect(noPlace.status).toBe(400);
    expect(noPlace.body[0].description).toBe('须提供位置：lat 和 long、address_string 或 address_id 三者之一');
    // A body that cannot be read, or a path no resource has, is still an Open311 error in the asked format.
    const broken = await client.postBody('{"api_key": "x", broken', 'application/json');
    expect(broken.status).toBe(400);
    expect(broken.contentType).toContain(format === 'json' ? 'application/json' : 'text/xml');
    expect(broken.body).toEqual([{ code: format === 'json' ? 400 : '400', description: expect.stringMatching(/^请求无法读取/) }]);
    const nowhere = await client.get(`requests/a/b.${format}`);
    expect(nowhere.status).toBe(404);
    expect(nowhere.body).toEqual([{ code: format === 'json' ? 404 : '404', description: expect.stringMatching(/^没有这个资源/) }]);
  });

  it('files a request through the one intake path, then reads it by id, by token, in the list, and closed once replied', async () => {
    const stalls = await service('城市管理/占道经营');
    const posted = await client.postRequest({
      service_code: stalls.service_code,
      lat: '28.6832',
      long: '115.8579',
      address_string: '东湖区东门商业街口',
      description: '东门商业街口流动摊贩占道经营，行人只能走机动车道',
      email: `citizen-${format}@example.cn`,
      first_name: '小明',
      last_name: '陈',
      phone: '13900006666',
    });
    expect(posted.status).toBe(201);
    const [filed] = posted.body;
    expect(filed.service_request_id).toMatch(/^QH\d{8}-\d{6}$/);
    expect(filed.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(filed.service_notice).toContain(`工单编号 ${filed.service_request_id}，查询码 `);
    // The requester's receipt went through the one intake path (by mail: an address was given).
    const receipt = await ds.getRepository(OutgoingMailEntity).findOneByOrFail({ kind: 'receipt', to: `citizen-${format}@example.cn` });
    expect(receipt.text).toContain(filed.service_request_id);

    const [req] = (await client.request(filed.service_request_id)).body;
    expect(req).toMatchObject({
      service_request_id: filed.service_request_id,
      status: 'open',
      status_notes: '已受理，正在分派',
      service_code: stalls.service_code,
      service_name: '占道经营',
      description: '东门商业街口流动摊贩占道经营，行人只能走机动车道',
      address: '东湖区东门商业街口',
    });
    expect(String(req.lat)).toBe('28.6832');
    expect(String(req.long)).toBe('115.8579');
    expect(req.requested_datetime).toMatch(ISO_WITH_ZONE);
    expect(req.updated_datetime).toMatch(ISO_WITH_ZONE);
    expect(JSON.stringify(req)).not.toMatch(/陈|小明|13900006666|citizen-/);

    expect((await client.token(filed.token)).body).toEqual([{ service_request_id: filed.service_request_id, token: filed.token }]);
    expect((await client.token('00000000-0000-0000-0000-000000000000')).status).toBe(404);

    const listed = (await client.requests({ service_code: stalls.service_code })).body.map((r) => r.service_request_id);
    expect(listed).toContain(filed.service_request_id);
    expect((await client.requests({ status: 'closed' })).body.map((r) => r.service_request_id)).not.toContain(filed.service_request_id);
    expect((await client.requests({ service_request_id: filed.service_request_id })).body).toHaveLength(1);

    // Handled: the unit replies, and the app sees it closed, by whom, with the reply.
    const operator = await api.login('operator');
    const ticketId = Number(filed.service_request_id.slice(-6));
    const unit = (await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' })).body.user.units[0];
    expect((await api.http().post(`/api/tickets/${ticketId}/dispatch`).set('Authorization', `Bearer ${operator}`).send({ unitId: unit.id })).status).toBe(200);
    const owner = await api.login('unit1');
    await api.http().post(`/api/tickets/${ticketId}/acknowledge`).set('Authorization', `Bearer ${owner}`);
    await api
      .http()
      .post(`/api/tickets/${ticketId}/reply`)
      .set('Authorization', `Bearer ${owner}`)
      .send({ outcome: 'resolved', text: '已清理占道摊点并加强巡查。' });
    const [closed] = (await client.request(filed.service_request_id)).body;
    expect(closed).toMatchObject({ status: 'closed', agency_responsible: unit.name, status_notes: '已答复，等待回访：已清理占道摊点并加强巡查。' });
    expect((await client.requests({ status: 'closed' })).body.map((r) => r.service_request_id)).toContain(filed.service_request_id);
  });

  it('shows nothing of tickets that did not come through Open311', async () => {
    const operator = await api.login('operator');
    const call = await api
      .http()
      .post('/api/intake')
      .set('Authorization', `Bearer ${operator}`)
      .send({ text: '来电反映：邻居装修噪声扰民', phone: '13900007777' });
    const res = await client.request(call.body.number);
    expect(res.status).toBe(404);
    expect((await client.requests()).body.map((r) => r.service_request_id)).not.toContain(call.body.number);
  });
});
