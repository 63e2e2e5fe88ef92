import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { request as httpRequest } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { ApiHarness, startApi } from '@hub/testing';

const HEADER = '工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度\r\n';
const row = (i: number) =>
  `ST-${String(i).padStart(6, '0')},2025-03-03 09:10,13900001111,刘先生,市长公开电话,来电反映西岭区岭南佳苑北门外垃圾桶三天没人清运,西岭区岭南佳苑,一般\r\n`;

describe('uploads go to disk as they arrive (#12)', () => {
  let api: ApiHarness;
  let token: string;
  beforeAll(async () => {
    api = await startApi();
    token = await api.login('admin');
  }, 60_000);
  afterAll(async () => api?.close());

  const incoming = () => join(api.config.env.dataDir, 'uploads', '.incoming');
  const incomingBytes = () => (existsSync(incoming()) ? readdirSync(incoming()).reduce((n, f) => n + statSync(join(incoming(), f)).size, 0) : 0);

  it('writes the first half of an export to a file before the second half is sent, and keeps it whole', async () => {
    const boundary = 'hubboundary7d93';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\nstandard\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    const tail = `\r\n--${boundary}--\r\n`;
    const half = Buffer.from(HEADER + Array.from({ length: 20_000 }, (_, i) => row(i)).join(''));
    const rest = Buffer.from(Array.from({ length: 20_000 }, (_, i) => row(20_000 + i)).join(''));
    const { port } = (api.app.getHttpServer().listening ? api.app.getHttpServer() : api.app.getHttpServer().listen(0)).address() as AddressInfo;
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/admin/imports',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write(head);
      req.write(half);
      // Only once most of the first half is on disk does the rest follow: held in memory, it never would be.
      void (async () => {
        for (let i = 0; incomingBytes() < half.length * 0.9; i++) {
          if (i > 400) return req.destroy(new Error(`the first ${half.length} bytes never reached ${incoming()} (held in memory?)`));
          await new Promise((r) => setTimeout(r, 25));
        }
        req.write(rest);
        req.end(tail);
      })();
    });
    const res = await answer;
    expect(res.status).toBe(202);
    expect(JSON.parse(res.body)).toMatchObject({ queued: true, file: 'big.csv' });
    expect(readdirSync(incoming())).toEqual([]);
    const kept = readdirSync(join(api.config.env.dataDir, 'uploads')).filter((f) => f.endsWith('big.csv'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(api.config.env.dataDir, 'uploads', kept[0])).equals(Buffer.concat([half, rest]))).toBe(true);
  });

  it('leaves nothing behind for an upload it refuses', async () => {
    const res = await api
      .http()
      .post('/api/admin/imports')
      .set('Authorization', `Bearer ${token}`)
      .field('source', 'no-such-source')
      .attach('file', Buffer.from(HEADER + row(1)), 'x.csv');
    expect(res.status).toBe(400);
    expect(readdirSync(incoming())).toEqual([]);
  });
});
