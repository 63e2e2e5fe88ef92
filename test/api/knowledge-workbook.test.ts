/**
 * #16 knowledge entries as xlsx through the API, on MariaDB and SQLite: an admin exports the base,
 * edits the workbook and imports it back (new rows created, edited rows versioned, untouched rows
 * unchanged, bad rows refused with their row number and reason); a unit exports and imports only
 * its own entries; an operator may do neither.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { ApiHarness, startApi } from '@hub/testing';

describe.each([
  ['MariaDB', () => ({})],
  ['SQLite', () => ({ DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-kbx-')), 'hub.sqlite')}` })],
])('knowledge workbook on %s', (_name, env) => {
  let api: ApiHarness;
  let admin: string;
  let unit1: string;
  let unit1Name: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startApi(env());
    admin = await api.login('admin');
    const u1 = (await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' })).body;
    [unit1, unit1Name] = [u1.token, u1.user.units[0].name];
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  const exportAs = async (token: string) => {
    const res = await api
      .http()
      .get('/api/knowledge/workbook')
      .set(auth(token))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    return wb;
  };
  const importAs = async (token: string, wb: ExcelJS.Workbook) =>
    api
      .http()
      .post('/api/knowledge/import')
      .set(auth(token))
      .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), '知识库.xlsx');
  const titles = (wb: ExcelJS.Workbook) => {
    const out: string[] = [];
    wb.worksheets[0].eachRow((r, n) => n > 1 && out.push(String(r.getCell(2).value)));
    return out;
  };

  it('round-trips an admin’s edits: new and changed rows saved, bad rows refused with row and reason', async () => {
    const own = await api
      .http()
      .post('/api/knowledge')
      .set(auth(admin))
      .send({ title: '居住证办理', questions: ['外地人怎么办居住证'], answer: '到居住地派出所办理。', unit: unit1Name, validTo: '2027-06-30' });
    expect(own.status).toBe(201);
    const wb = await exportAs(admin);
    expect(titles(wb)).toContain('居住证办理');
    const ws = wb.worksheets[0];
    let editedRow = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === own.body.id) {
        r.getCell(4).value = '到居住地派出所或线上办理。';
        editedRow = n;
      }
    });
    expect(editedRow).toBeGreaterThan(1);
    const first = ws.rowCount + 1;
    ws.addRow(['', '电动车上牌', '电动自行车怎么上牌\n电动车登记', '携带发票和合格证到登记点办理。', '公安交管', unit1Name, '', '2027-12-31']);
    ws.addRow(['', '无答复的条目']);
    ws.addRow(['', '日期不对', '', '某某答复', '', '', '', '下个月']);
    const res = await importAs(admin, wb);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, updated: 1, unchanged: ws.rowCount - 1 - 4 });
    expect(res.body.rejected).toEqual([
      { row: first + 1, reason: '缺少答复口径（至少 2 个字）' },
      { row: first + 2, reason: '有效期止「下个月」不是日期（须为 YYYY-MM-DD）' },
    ]);
    const detail = await api.http().get(`/api/knowledge/entries/${own.body.id}`).set(auth(admin));
    expect(detail.body).toMatchObject({ answer: '到居住地派出所或线上办理。', version: 2 });
    const found = await api
      .http()
      .get(`/api/knowledge?q=${encodeURIComponent('电动自行车怎么上牌')}`)
      .set(auth(admin));
    expect(found.body.items[0]).toMatchObject({ title: '电动车上牌', unit: unit1Name, category: '公安交管' });
  });

  it('keeps a unit to its own entries, and refuses operators', async () => {
    const other = await api.http().post('/api/knowledge').set(auth(admin)).send({ title: '他单位的条目', questions: [], answer: '他单位的答复。' });
    expect(other.status).toBe(201);
    const wb = await exportAs(unit1);
    expect(titles(wb)).toContain('居住证办理');
    expect(titles(wb)).not.toContain('他单位的条目');
    const ws = wb.worksheets[0];
    const row = ws.rowCount + 1;
    ws.addRow([other.body.id, '他单位的条目', '', '改掉他单位的答复。']);
    ws.addRow(['', '本单位新条目', '', '本单位的答复。']);
    const res = await importAs(unit1, wb);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, updated: 0, rejected: [{ row, reason: '只能维护本单位的知识条目（a unit edits only its own entries）' }] });
    const operator = await api.login('operator');
    expect((await api.http().get('/api/knowledge/workbook').set(auth(operator))).status).toBe(403);
    expect((await importAs(operator, wb)).status).toBe(403);
    const notXlsx = await api.http().post('/api/knowledge/import').set(auth(admin)).attach('file', Buffer.from('标题,答复口径\n'), 'a.csv');
    expect(notXlsx.status).toBe(422);
    expect(notXlsx.body.message ?? JSON.stringify(notXlsx.body)).toContain('文件不是 XLSX 工作簿');
  });
});
