import { appendFileSync, cpSync, mkdtempSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import Open311 from 'open311';
import { ApiHarness, startApi } from '@hub/testing';

const KEY = 'civic-app-key-published-0123';
const SPEC = 'http://wiki.open311.org/GeoReport_v2';
type Row = Record<string, unknown>;
/** Its code would be 17036804e9 (the first 10 hex digits of its SHA-256), a number to the Spark convention. */
const FARMLAND = '农业农村/耕地占用';

/** The library's callbacks as promises: an error (`err` true or the HTTP status) rejects with its message. */
function call<T>(start: (cb: (err: boolean | number | null, data: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, data) => (err ? reject(new Error(`${String(err)}: ${String(data)}`)) : resolve(data))));
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * #18: an Open311 client library that others publish — `open311` on npm (Code for America), used
 * as its README says — against the real API on MariaDB + Redis, in JSON and in XML (the library
 * reads XML by the Spark convention, with sparkxml, and a POST's answer with xml2json).
 */
describe.each(['json', 'xml'] as const)('the published open311 client (%s)', (format) => {
  let api: ApiHarness;
  let base: string;
  let client: Open311;

  beforeAll(async () => {
    // The discovery document names the endpoint at HUB_PUBLIC_URL: here, the server itself.
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The shipped configuration and one category more, whose code was once text that reads as a number.
    const configDir = mkdtempSync(join(tmpdir(), 'hub-open311-config-'));
    cpSync(join(__dirname, '../../config'), configDir, { recursive: true });
    appendFileSync(join(configDir, 'taxonomy.yaml'), `  - path: ${FARMLAND}\n    unit: 市农业农村局\n`);
    api = await startApi({ HUB_CONFIG_DIR: configDir, HUB_OPEN311_KEYS: `${KEY}=随手拍`, HUB_PUBLIC_URL: base });
    await api.app.listen(port, '127.0.0.1');
    // Configured as its README says: the endpoint (with its trailing slash), the format, the key, and a
    // jurisdiction, which it then sends as jurisdiction_id with every call (as its list of cities does).
    client = new Open311({ endpoint: `${base}/open311/v2/`, jurisdiction: 'qinghe.example.cn', format, apiKey: KEY });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('finds the endpoint by service discovery, then lists the services and reads a definition', async () => {
    const finder = new Open311({ discovery: `${base}/open311/v2/discovery.${format}` });
    const discovery = await call<Row>((cb) => finder.serviceDiscovery({ cache: true }, cb));
    expect((discovery.endpoints as Row[])[0]).toMatchObject({ specification: SPEC, type: 'production', url: `${base}/open311/v2` });
    // The endpoint the library took from the document is the one the other tests configure (the
    // format is given there: after discovery 0.0.12 picks JSON whatever the formats say, an indexOf slip).
    expect(finder.endpoint).toBe(client.endpoint);

    const services = await call<Row[]>((cb) => client.serviceList(cb));
    expect(services.length).toBeGreaterThan(20);
    const stalls = services.find((s) => s.description === '城市管理/占道经营') as Row;
    expect(stalls).toMatchObject({ service_name: '占道经营', group: '城市管理', type: 'realtime', metadata: false });
    // Every code reads back as the string it is (XML is read by the Spark convention, which turns numeric text into numbers).
    expect(services.every((s) => typeof s.service_code === 'string' && /^[0-9a-z]{10}$/.test(s.service_code))).toBe(true);

    const definition = await call<Row>((cb) => client.serviceDefinition(String(stalls.service_code), cb));
    expect(definition.service_code).toBe(stalls.service_code);
    await expect(call((cb) => client.serviceDefinition('nope', cb))).rejects.toThrow(/: 404$/);
  });

  it('posts a request with a key of HUB_OPEN311_KEYS, reads its status by token, id and list, and sees it closed once the unit replies', async () => {
    const services = await call<Row[]>((cb) => client.serviceList(cb));
    const serviceCode = String(services.find((s) => s.description === '城市管理/占道经营')?.service_code);
    const request = {
      service_code: serviceCode,
      lat: '28.6832',
      long: '115.8579',
      address_string: '东湖区东门商业街口',
      description: `东门商业街口流动摊贩占道经营（${format}）`,
      email: `published-${format}@example.cn`,
      first_name: '小明',
      last_name: '陈',
      phone: '13900006666',
    };
    const stranger = new Open311({ endpoint: client.endpoint, format, apiKey: 'not-one-of-ours-0123456789' });
    await expect(call((cb) => stranger.submitRequest(request, cb))).rejects.toThrow(/^403: .*api_key 缺失或无效/s);

    const [filed] = await call<Row[]>((cb) => client.submitRequest(request, cb));
    const id = String(filed.service_request_id);
    expect(id).toMatch(/^QH\d{8}-\d{6}$/);
    expect(filed.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(filed.service_notice).toContain(`工单编号 ${id}，查询码 `);

    expect(await call<Row[]>((cb) => client.token(String(filed.token), cb))).toEqual([{ service_request_id: id, token: filed.token }]);

    const [open] = await call<Row[]>((cb) => client.serviceRequest(id, cb));
    expect(open).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: '已受理，正在分派',
      service_code: serviceCode,
      service_name: '占道经营',
      description: request.description,
      address: '东湖区东门商业街口',
      lat: 28.6832,
      long: 115.8579,
    });
    // The library turns the times into Dates: they must be ones it can read.
    expect(Number.isNaN((open.requested_datetime as Date).getTime())).toBe(false);
    expect(Number.isNaN((open.updated_datetime as Date).getTime())).toBe(false);
    expect(JSON.stringify(open)).not.toMatch(/陈|小明|13900006666|published-/);

    const listed = await call<Row[]>((cb) => client.serviceRequests({ service_code: serviceCode }, cb));
    expect(listed.map((r) => r.service_request_id)).toContain(id);
    expect((await call<Row[]>((cb) => client.serviceRequests([id], cb))).map((r) => r.service_request_id)).toEqual([id]);

    // The unit replies: the app sees the request closed, by whom, with the reply as status_notes.
    const ticketId = Number(id.slice(-6));
    const operator = await api.login('operator');
    const unit = (await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' })).body.user.units[0];
    expect((await api.http().post(`/api/tickets/${ticketId}/dispatch`).set('Authorization', `Bearer ${operator}`).send({ unitId: unit.id })).status).toBe(200);
    const owner = await api.login('unit1');
    expect((await api.http().post(`/api/tickets/${ticketId}/acknowledge`).set('Authorization', `Bearer ${owner}`)).status).toBeLessThan(300);
    const reply = await api
      .http()
      .post(`/api/tickets/${ticketId}/reply`)
      .set('Authorization', `Bearer ${owner}`)
      .send({ outcome: 'resolved', text: '已清理占道摊点并加强巡查。' });
    expect(reply.status).toBeLessThan(300);
    const [closed] = await call<Row[]>((cb) => client.serviceRequest(id, cb));
    expect(closed).toMatchObject({ status: 'closed', agency_responsible: unit.name, status_notes: '已答复，等待回访：已清理占道摊点并加强巡查。' });
    const closedOnes = await call<Row[]>((cb) => client.serviceRequests({ status: 'closed' }, cb));
    expect(closedOnes.map((r) => r.service_request_id)).toContain(id);
  });

  it('posts to a service whose code a Spark reader could take for a number, and reads it back', async () => {
    const services = await call<Row[]>((cb) => client.serviceList(cb));
    const farmland = services.find((s) => s.description === FARMLAND) as Row;
    expect(farmland).toMatchObject({ service_name: '耕地占用', group: '农业农村' });
    const submit = { service_code: String(farmland.service_code), address_string: '新建区望城镇', description: '有人在基本农田上建房' };
    const [filed] = await call<Row[]>((cb) => client.submitRequest(submit, cb));
    const [read] = await call<Row[]>((cb) => client.serviceRequest(String(filed.service_request_id), cb));
    expect(read).toMatchObject({ service_code: farmland.service_code, service_name: '耕地占用', status: 'open' });
  });
});
