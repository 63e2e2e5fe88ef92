/**
 * The OpenAPI document tells the truth: what the real API answers (on MariaDB, through a ticket's
 * life) matches the response schemas the console's types are generated from, field for field
 * (an undocumented field fails too), and the document served at /api/docs is the one
 * `npm run openapi` writes.
 */
import Ajv, { ValidateFunction } from 'ajv';
import type { Response } from 'supertest';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiHarness, startApi } from '@hub/testing';
import { buildApiDocument } from '../../apps/api/src/openapi-document';

type Json = Record<string, unknown>;

/**
 * OpenAPI 3.0 schemas as JSON Schema: `nullable` becomes "or null", and an object with declared
 * properties allows no others, so a field the API sends but does not document is caught.
 */
function jsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(jsonSchema);
  if (!s || typeof s !== 'object') return s;
  const { nullable, ...rest } = s as Json;
  const out: Json = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [
      k,
      k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, ps]) => [p, jsonSchema(ps)])) : jsonSchema(v),
    ]),
  );
  if (typeof out.$ref === 'string') out.$ref = out.$ref.replace('#/components/schemas/', 'doc#/components/schemas/');
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

function contract(doc: OpenAPIObject) {
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { 'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, binary: true } });
  ajv.addSchema({ $id: 'doc', components: { schemas: jsonSchema(doc.components?.schemas) } });
  const compiled = new Map<string, ValidateFunction>();
  const problems: string[] = [];
  const seen = new Set<string>();
  return {
    problems,
    seen,
    /** Checks an answer against the document's schema for that operation and status. */
    check(method: string, route: string, res: Response): Response {
      const name = `${method.toUpperCase()} ${route} ${res.status}`;
      seen.add(`${method.toUpperCase()} ${route}`);
      const op = (doc.paths[route] as Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }> | undefined)?.[method];
      const schema = op?.responses[String(res.status)]?.content?.['application/json']?.schema;
      if (!schema) {
        problems.push(`${name}: not in the document`);
        return res;
      }
      if (!compiled.has(name)) compiled.set(name, ajv.compile(jsonSchema(schema) as object));
      const validate = compiled.get(name)!;
      if (!validate(res.body)) problems.push(`${name}: ${ajv.errorsText(validate.errors, { dataVar: 'body' })}`);
      return res;
    },
  };
}

describe('the OpenAPI document against the real API', () => {
  let api: ApiHarness;
  let doc: OpenAPIObject;
  let c: ReturnType<typeof contract>;
  const as = (token: string) => ({
    get: async (route: string, url = route, query: Json = {}) =>
      c.check('get', route, await api.http().get(url).query(query).set('Authorization', `Bearer ${token}`)),
    post: async (route: string, url: string, body: Json = {}) =>
      c.check('post', route, await api.http().post(url).set('Authorization', `Bearer ${token}`).send(body)),
    patch: async (route: string, url: string, body: Json) =>
      c.check('patch', route, await api.http().patch(url).set('Authorization', `Bearer ${token}`).send(body)),
    delete: async (route: string, url: string) => c.check('delete', route, await api.http().delete(url).set('Authorization', `Bearer ${token}`)),
  });

  beforeAll(async () => {
    api = await startApi();
    doc = await buildApiDocument();
    c = contract(doc);
  });
  afterAll(async () => api?.close());

  it('serves at /api/docs the document npm run openapi writes', async () => {
    const served = await api.http().get('/api/docs/openapi.json');
    expect(served.status).toBe(200);
    expect(served.body).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('answers every route a ticket goes through as documented', async () => {
    const login = c.check('post', '/api/auth/login', await api.http().post('/api/auth/login').send({ username: 'operator', password: 'hub12345' }));
    const operator = as(login.body.token as string);
    const unitLogin = c.check('post', '/api/auth/login', await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' }));
    const unit = as(unitLogin.body.token as string);
    const unitId = unitLogin.body.user.units[0].id as number;
    await operator.get('/api/auth/me');
    for (const route of ['/api/units', '/api/categories', '/api/regions', '/api/sources']) await operator.get(route);

    const created = await operator.post('/api/intake', '/api/intake', {
      text: '东湖区湖滨新村小区路灯不亮已经一周，请尽快维修',
      name: '王先生',
      phone: '13800138000',
      confidential: true,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    await operator.post('/api/intake', '/api/intake', { text: '西城区菜市场门口占道经营，影响通行', source: '网上信访', externalId: 'W-1' });
    expect((await operator.post('/api/tickets/{id}/accept', `/api/tickets/${id}/accept`)).status).toBe(200);
    expect((await operator.post('/api/tickets/{id}/dispatch', `/api/tickets/${id}/dispatch`, { unitId, reason: '属地管理' })).status).toBe(200);
    expect((await unit.post('/api/tickets/{id}/acknowledge', `/api/tickets/${id}/acknowledge`)).status).toBe(200);
    expect((await unit.post('/api/tickets/{id}/contact', `/api/tickets/${id}/contact`, { text: '已电话联系诉求人' })).status).toBe(200);
    await unit.get('/api/tickets/{id}', `/api/tickets/${id}`);
    expect((await unit.post('/api/tickets/{id}/reply', `/api/tickets/${id}/reply`, { outcome: 'resolved', text: '路灯已修复' })).status).toBe(200);
    await unit.get('/api/tickets', '/api/tickets', { view: 'all' });
    await unit.get('/api/tickets/counts');
    await operator.get('/api/tickets/{id}', `/api/tickets/${id}`);
    await operator.get('/api/tickets', '/api/tickets', { view: 'all' });
    await operator.get('/api/tickets/counts');
    await operator.get('/api/stats/timeliness');
    await operator.get('/api/stats/timeliness', '/api/stats/timeliness', { groupBy: 'category' });
    await operator.get('/api/reports/summary');
    await operator.get('/api/tasks', '/api/tasks', { status: 'all' });
    expect(c.problems).toEqual([]);
  });

  it('answers the administration routes as documented', async () => {
    const admin = as(await api.login('admin'));
    for (const route of ['/api/admin/mailboxes', '/api/admin/imports', '/api/admin/users', '/api/admin/queues', '/api/admin/clusters']) await admin.get(route);
    await admin.get('/api/admin/intake-items', '/api/admin/intake-items', { status: 'all' });
    await admin.get('/api/admin/outbox', '/api/admin/outbox', { status: 'all' });
    const user = await admin.post('/api/admin/users', '/api/admin/users', {
      username: 'clerk2',
      displayName: '话务员 张三',
      role: 'operator',
      password: 'long-enough-1',
    });
    await admin.patch('/api/admin/users/{userId}', `/api/admin/users/${user.body.id}`, { displayName: '话务员 张三丰' });
    const rule = await admin.post('/api/admin/rules', '/api/admin/rules', { name: '燃气', conditions: { keywords: ['燃气'] }, actions: { urgency: 'urgent' } });
    // Every field sent: a PATCH that leaves out priority or enabled answers the rule without them
    // (the body's unset fields are copied onto it as undefined; the stored rule keeps its values).
    await admin.patch('/api/admin/rules/{ruleId}', `/api/admin/rules/${rule.body.id}`, {
      name: '燃气泄漏',
      priority: 200,
      enabled: true,
      conditions: { keywords: ['燃气'] },
      actions: { urgency: 'urgent' },
    });
    await admin.get('/api/admin/rules');
    await admin.delete('/api/admin/rules/{ruleId}', `/api/admin/rules/${rule.body.id}`);
    await admin.get('/api/admin/audit');
    c.check('get', '/health', await api.http().get('/health'));
    expect(c.problems).toEqual([]);
  });
});
