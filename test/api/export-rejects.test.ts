import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as iconv from 'iconv-lite';
import { openDatabase } from '@hub/database';
import { ApiHarness, importHotlineFile, startApi } from '@hub/testing';

const HEADER = '工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度';

describe("an export's rejects report over the API", () => {
  let api: ApiHarness;
  let withRejects: number;
  let clean: number;

  beforeAll(async () => {
    api = await startApi();
    const dir = mkdtempSync(join(tmpdir(), 'hub-rejects-'));
    const bad = join(dir, '3月2日导出.csv');
    writeFileSync(
      bad,
      iconv.encode(
        `${HEADER}\r\nR-1,2025-03-02 09:15,13800000061,王先生,市长公开电话,路灯不亮,东湖区,一般\r\nR-2,2025-03-02 09:20,13800000062,李女士,市长公开电话,,西湖区,一般\r\n`,
        'gbk',
      ),
    );
    const good = join(dir, 'good.csv');
    writeFileSync(good, iconv.encode(`${HEADER}\r\nR-3,2025-03-02 09:25,13800000063,赵先生,市长公开电话,噪音扰民,南湖区,一般\r\n`, 'gbk'));
    const ds = await openDatabase(api.config.env.database);
    try {
      withRejects = (await importHotlineFile(ds, api.config, null, bad, 'standard')).importFileId;
      clean = (await importHotlineFile(ds, api.config, null, good, 'standard')).importFileId;
    } finally {
      await ds.destroy();
    }
  });
  afterAll(async () => api?.close());

  it('downloads the bad rows with their row numbers and reasons, named after the file', async () => {
    const supervisor = await api.login('supervisor');
    const res = await api
      .http()
      .get(`/api/admin/imports/${withRejects}/rejects`)
      .set('Authorization', `Bearer ${supervisor}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('3月2日导出-拒绝行.csv'));
    expect((res.body as Buffer).toString('utf8')).toBe(
      '\uFEFF行号,原因,原始内容\r\n3,缺少必填项：诉求内容,"R-2,2025-03-02 09:20,13800000062,李女士,市长公开电话,,西湖区,一般"\r\n',
    );
  });

  it('answers 404 for an import without bad rows; operators download rejects too (#16), units are refused', async () => {
    const supervisor = await api.login('supervisor');
    expect((await api.http().get(`/api/admin/imports/${clean}/rejects`).set('Authorization', `Bearer ${supervisor}`)).status).toBe(404);
    const operator = await api.login('operator');
    expect((await api.http().get(`/api/admin/imports/${withRejects}/rejects`).set('Authorization', `Bearer ${operator}`)).status).toBe(200);
    const imports = await api.http().get('/api/admin/imports').set('Authorization', `Bearer ${operator}`);
    expect(imports.body.imports.find((i: { id: number }) => i.id === withRejects)).toMatchObject({ imported: 1, rejected: 1 });
    const unit = await api.login('unit1');
    expect((await api.http().get(`/api/admin/imports/${withRejects}/rejects`).set('Authorization', `Bearer ${unit}`)).status).toBe(403);
    expect((await api.http().get('/api/admin/imports').set('Authorization', `Bearer ${unit}`)).status).toBe(403);
  });
});
