import { ApiHarness, startApi } from '@hub/testing';

describe('statistics query parameters (#12)', () => {
  let api: ApiHarness;
  let token: string;
  beforeAll(async () => {
    api = await startApi();
    token = await api.login('supervisor');
  }, 60_000);
  afterAll(async () => api?.close());

  const get = (path: string) => api.http().get(path).set('Authorization', `Bearer ${token}`);

  it('refuses a period longer than 366 days with 400 naming the limit', async () => {
    const res = await get('/api/stats/timeliness?from=1900-01-01&to=2999-12-31');
    expect(res.status).toBe(400);
    const long = await get('/api/stats/timeliness?from=2024-01-01&to=2025-06-30');
    expect(long.status).toBe(400);
    expect(long.body.message).toBe('统计区间最长 366 天：2024-01-01 至 2025-06-30 共 547 天，请缩短区间（period at most 366 days）');
    expect((await get('/api/reports/summary?from=2020-01-01&to=2025-12-31')).body.message).toContain('统计区间最长 366 天');
    const year = await get('/api/stats/timeliness?from=2024-01-01&to=2024-12-31');
    expect(year.status).toBe(200);
    expect(year.body.daily).toHaveLength(366);
  });

  it('answers 400, never 500, to repeated, structured, malformed and unknown parameters', async () => {
    const cases = [
      '/api/stats/timeliness?from=2025-01-01&from=2025-02-01',
      '/api/stats/timeliness?to[x]=1',
      '/api/stats/timeliness?to=abc',
      '/api/stats/timeliness?from=abc',
      '/api/stats/timeliness?to=2025-02-30',
      '/api/stats/timeliness?groupBy=unit&groupBy=region',
      '/api/stats/timeliness?groupBy=weekday',
      '/api/stats/timeliness?page=1e309',
      '/api/reports/summary?format=json&format=xlsx',
      '/api/reports/summary?channel=fax',
      '/api/reports/summary?to=1e309',
    ];
    for (const path of cases) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(typeof res.body.message === 'string' || Array.isArray(res.body.message)).toBe(true);
    }
  });
});

describe('admin list pages (#12)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  }, 60_000);
  afterAll(async () => api?.close());

  it('answer a page that is not a whole number from 1 with 400', async () => {
    const admin = await api.login('admin');
    for (const q of ['page=abc', 'page=1e309', 'page=0', 'page=1&page=2']) {
      const res = await api.http().get(`/api/admin/audit?${q}`).set('Authorization', `Bearer ${admin}`);
      expect([q, res.status]).toEqual([q, 400]);
    }
    expect((await api.http().get('/api/admin/audit?page=2').set('Authorization', `Bearer ${admin}`)).status).toBe(200);
  });
});
