/**
 * #14 finding 12 (ticket routes): `page=abc`, `page=1e309` and a repeated `status=` answered 500.
 * Every query parameter of the ticket routes is checked: a wrong one is a 400 naming it in
 * Chinese, a period over 366 days is refused, and nothing a caller sends is a 500.
 */
import { ApiHarness, startApi } from '@hub/testing';

describe('query parameters of the ticket routes', () => {
  let api: ApiHarness;
  let operator: string;
  let ticketId: number;
  const auth = () => ({ Authorization: `Bearer ${operator}` });

  beforeAll(async () => {
    api = await startApi();
    operator = await api.login('operator');
    ticketId = (await api.http().post('/api/intake').set(auth()).send({ text: '东湖区幸福路路灯不亮已经一周' })).body.id;
  }, 120_000);
  afterAll(async () => api?.close());

  it.each([
    ['page=abc', 'page', /须为从 1 起的整数/],
    ['page=1e309', 'page', /须为从 1 起的整数/],
    ['page=0', 'page', /须为从 1 起的整数/],
    ['page=-1', 'page', /须为从 1 起的整数/],
    ['page=1&page=2', 'page', /只能给一次/],
    // Express reads no brackets: page[$gt] is a parameter of its own, which the list does not know.
    ['page[$gt]=1', 'page[$gt]', /这里不认识这个参数/],
    ['status[]=received', 'status[]', /这里不认识这个参数/],
    ['pageSize=-1', 'pageSize', /须为从 1 起的整数/],
    ['pageSize=201', 'pageSize', /最大为 200/],
    ['pageSize=99999999999999999999', 'pageSize', /须为从 1 起的整数/],
    ['status=open', 'status', /open 不是工单状态/],
    ['view=mine', 'view', /须为 triage、pending_ack/],
    ['view=all&view=triage', 'view', /只能给一次/],
    ['orderBy=receivedAt', 'orderBy', /这里不认识这个参数，可用的有 view、status/],
    ['sort=receivedAt', 'sort', /须为 due、-due、lateness/],
    ['order=desc', 'order', /这里不认识这个参数/],
    ['unit=东湖', 'unit', /须为从 1 起的整数/],
    ['overdue=yes', 'overdue', /须为 true 或 false/],
    ['from=2025-02-30', 'from', /须为日期/],
    ['from=1900-01-01&to=2999-12-31', 'to', /时间段最长 366 天/],
    ['from=2024-01-01&to=2025-01-02', 'to', /时间段最长 366 天/],
    [`q=${'路'.repeat(201)}`, 'q', /最长 200 个字符/],
  ])('GET /api/tickets?%s is a 400 naming %s in Chinese', async (qs, param, reason) => {
    const res = await api.http().get(`/api/tickets?${qs}`).set(auth());
    const name = param.replace(/[[\]$]/g, '\\$&');
    expect([res.status, res.body.message]).toEqual([400, expect.stringMatching(new RegExp(`^查询参数 ${name} 无效：${reason.source}`))]);
  });

  it('takes repeated status as a list, and a period of a whole year', async () => {
    for (const qs of [
      'status=received&status=closed',
      'status=received,accepted',
      'from=2024-01-01&to=2024-12-31',
      'from=2025-01-01&to=2026-01-01T00:00:00%2B08:00',
      'page=999999999&pageSize=200',
    ]) {
      const res = await api.http().get(`/api/tickets?${qs}`).set(auth());
      expect([qs, res.status]).toEqual([qs, 200]);
    }
  });

  it('refuses a query parameter on a ticket route that reads none, and a malformed attachment id, with 400', async () => {
    for (const url of [`/api/tickets/counts?view=all`, `/api/tickets/${ticketId}?fields=requester`, `/api/tickets/${ticketId}/attachments/1?access_token=x`]) {
      const res = await api.http().get(url).set(auth());
      expect([url, res.status, res.body.message]).toEqual([url, 400, expect.stringMatching(/^查询参数 \w+ 无效：这里不带查询参数/)]);
    }
    const accept = await api.http().post(`/api/tickets/${ticketId}/accept?force=1`).set(auth()).send({});
    expect([accept.status, accept.body.message]).toEqual([400, expect.stringMatching(/^查询参数 force 无效/)]);
    for (const aid of ['abc', '0', '1e309', '-1']) {
      const res = await api.http().get(`/api/tickets/${ticketId}/attachments/${aid}`).set(auth());
      expect([aid, res.status, res.body.message]).toEqual([aid, 400, expect.stringMatching(/^路径参数 attachmentId 无效：须为从 1 起的整数/)]);
    }
  });

  it('answers no ticket route with a 500, whatever the query string', async () => {
    const nasty = [
      'page=abc',
      'page=1e309',
      'status=a&status[b]=c',
      'from[]=x',
      'q[a][b][c]=1',
      'pageSize=1.5',
      `q=${'%00'.repeat(10)}`,
      'view=__proto__',
      '__proto__[x]=1',
      'constructor=1',
    ];
    const paths = [
      '/api/tickets',
      '/api/tickets/counts',
      `/api/tickets/${ticketId}`,
      `/api/tickets/${ticketId}/attachments/1`,
      '/api/attachments/1',
      '/api/tickets/abc',
      '/api/tickets/1e309',
    ];
    const fives: string[] = [];
    for (const path of paths) {
      for (const qs of nasty) {
        const res = await api.http().get(`${path}?${qs}`).set(auth());
        if (res.status >= 500) fives.push(`${path}?${qs} -> ${res.status}`);
      }
    }
    expect(fives).toEqual([]);
  });
});
