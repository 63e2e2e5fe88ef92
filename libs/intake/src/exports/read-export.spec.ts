import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import type { ExportSourceConfig } from '@hub/config';
import { FileUnreadableError } from './file-unreadable.error';
import { type ExportFileInfo, type ExportProgress, readExport } from './read-export';
import type { HotlineRow, RowReject } from './export-row';
import { writeRejectsReport } from './rejects-report';

const fixture = (name: string) => join(__dirname, '../../../../test/fixtures/exports', name);
const standard: ExportSourceConfig = {
  name: 'standard',
  encoding: 'auto',
  columns: {
    工单编号: 'externalId',
    来电时间: 'receivedAt',
    来电号码: 'phone',
    来电人: 'name',
    热线: 'line',
    诉求内容: 'text',
    地址: 'address',
    紧急程度: 'urgency',
  },
};
const standardHeader = Object.keys(standard.columns);
const tmp = mkdtempSync(join(tmpdir(), 'hub-export-spec-'));

async function readAll(path: string, source = standard, opts: Parameters<typeof readExport>[2] = {}) {
  const rows: HotlineRow[] = [];
  const rejects: RowReject[] = [];
  let batches = 0;
  for await (const b of readExport(path, source, opts)) {
    batches++;
    rows.push(...b.rows);
    rejects.push(...b.rejects);
  }
  return { rows, rejects, batches };
}
const summary = (rejects: RowReject[]) => rejects.map((r) => [r.rowNumber, r.code]);

describe('readExport', () => {
  it('imports the good rows of a GBK CSV and rejects each bad row with its Excel row number', async () => {
    let info: ExportFileInfo | undefined;
    const { rows, rejects } = await readAll(fixture('standard-gbk.csv'), standard, { onHeader: (i) => (info = i) });
    expect(info?.encoding).toBe('gb18030');
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 7, 9, 10]);
    expect(summary(rejects)).toEqual([
      [4, 'missing_field'],
      [5, 'bad_time'],
      [6, 'column_count'],
      [8, 'bad_quoting'],
    ]);
    expect(rejects[0].reason).toBe('缺少必填项：诉求内容');
    expect(rejects[1].reason).toContain('2025-02-30 10:30');
    expect(rejects[2].reason).toBe('列数不对：表头有 8 列，这一行有 9 列');
    expect(rows[0]).toEqual({
      rowNumber: 2,
      externalId: 'GD20250302001',
      receivedAt: new Date('2025-03-02T09:15:00+08:00'),
      phone: '13800138001',
      name: '王先生',
      line: '市长公开电话',
      text: '幸福路12号楼下烧烤店油烟扰民，晚上十点后仍在营业。',
      address: '东湖区幸福路12号',
      urgency: 'normal',
      category: null,
      confidential: false,
      email: null,
    });
    expect(rows[1]).toMatchObject({
      text: '小区门口下水道堵塞，污水外溢，\n已经三天无人处理。',
      urgency: 'urgent',
      receivedAt: new Date('2025-03-02T09:40:00+08:00'),
    });
    expect(rows[2]).toMatchObject({ text: '他说"马上处理"但没有下文', urgency: 'urgent' });
    expect(rows[4]).toMatchObject({ name: '朱镕', line: null });
  });

  it('reads a UTF-8 CSV with BOM, its time formats, broken quotes and short rows', async () => {
    let info: ExportFileInfo | undefined;
    const { rows, rejects } = await readAll(fixture('standard-utf8-bom.csv'), standard, { onHeader: (i) => (info = i) });
    expect(info).toMatchObject({ encoding: 'utf8', headers: ['工单编号', '来电时间', '来电号码', '来电人', '热线', '诉求内容', '地址', '紧急程度'] });
    expect(rows.map((r) => [r.rowNumber, r.externalId, r.receivedAt.toISOString()])).toEqual([
      [2, 'BJ-0001', '2025-03-02T01:15:00.000Z'],
      [4, 'BJ-0003', '2025-03-02T02:30:00.000Z'],
      [8, 'BJ-0006', '2025-03-01T16:00:00.000Z'],
    ]);
    expect(summary(rejects)).toEqual([
      [3, 'bad_quoting'],
      [5, 'column_count'],
      [6, 'bad_time'],
    ]);
    expect(rejects[0].raw).toContain('"路面积水"严重');
  });

  it('reads the first sheet of an XLSX: date cells, serial numbers, rich text, and its bad rows', async () => {
    const { rows, rejects } = await readAll(fixture('standard.xlsx'));
    expect(rows.map((r) => [r.rowNumber, r.externalId, r.receivedAt.toISOString(), r.text])).toEqual([
      [2, 'XL-0001', '2025-03-02T01:15:00.000Z', '菜市场占道经营'],
      [3, 'XL-0002', '2025-03-02T04:00:00.000Z', '供暖温度不达标'],
      [4, 'XL-0003', '2025-03-02T01:15:00.000Z', '垃圾清运不及时'],
      [9, 'XL-0007', '2025-03-02T07:00:00.000Z', '咨询公积金提取'],
    ]);
    expect(rows[0].phone).toBe('13800000011');
    expect(summary(rejects)).toEqual([
      [5, 'missing_field'],
      [6, 'bad_time'],
      [7, 'column_count'],
    ]);
  });

  it('imports XLSX rows whose last cells are empty: Excel leaves such cells out of the row', async () => {
    const path = join(tmp, 'short-rows.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工单');
    ws.addRow(standardHeader);
    ws.addRow(['E-1', '2025-03-02 09:15', '13800000031', '冯一', '市长公开电话', '人行道地砖松动', '东湖区人民路']); // no 紧急程度
    ws.addRow(['E-2', '2025-03-02 09:30', null, null, '区长公开电话', '咨询社保卡补办']); // no 地址 either
    ws.addRow(['E-3', new Date(Date.UTC(2025, 2, 2, 9, 45)), '13800000033', '蒋三', '区长公开电话']); // no text: rejected
    await wb.xlsx.writeFile(path);
    const { rows, rejects } = await readAll(path);
    // The report shows the date cell as Excel does, in Beijing time.
    expect(rejects).toMatchObject([{ rowNumber: 4, code: 'missing_field', raw: 'E-3,2025-03-02 09:45,13800000033,蒋三,区长公开电话,,,' }]);
    expect(rows).toMatchObject([
      { rowNumber: 2, externalId: 'E-1', text: '人行道地砖松动', address: '东湖区人民路', urgency: 'normal' },
      { rowNumber: 3, externalId: 'E-2', text: '咨询社保卡补办', address: null, phone: null },
    ]);
  });

  it('reads an XLSX whose shared strings come last in the zip, after the sheet', async () => {
    // (exceljs's streaming reader then has only the strings' numbers.)
    const { rows, rejects } = await readAll(fixture('standard-sst-last.xlsx'));
    expect(rejects).toEqual([]);
    expect(rows.map((r) => [r.rowNumber, r.externalId, r.receivedAt.toISOString(), r.name, r.line, r.text, r.address, r.urgency])).toEqual([
      [2, 'SS-0001', '2025-03-02T01:15:00.000Z', '周一', '市长公开电话', '小区垃圾站异味严重', '东湖区幸福路8号', 'urgent'],
      [3, 'SS-0002', '2025-03-02T02:30:00.000Z', '吴二', '区长公开电话', '路灯不亮', '西湖区', 'normal'],
      [4, 'SS-0003', '2025-03-02T03:00:00.000Z', null, '区长公开电话', '咨询公积金提取', null, 'normal'],
    ]);
  });

  it('finds the header under a title, the export time and blank lines, keeping Excel row numbers', async () => {
    const csv = join(tmp, 'titled.csv');
    writeFileSync(
      csv,
      iconv.encode(
        [
          '青禾市12345政务服务便民热线工单明细,,,,,,,',
          '导出时间：2025-03-04 10:00',
          '',
          standardHeader.join(','),
          'T-1,2025-03-02 09:15,13800000041,陈一,市长公开电话,公园路灯不亮,东湖区公园路,一般',
          'T-2,2025-03-02 09:20,13800000042,林二,市长公开电话,,东湖区,一般',
        ].join('\r\n'),
        'gbk',
      ),
    );
    const fromCsv = await readAll(csv);
    expect(fromCsv.rows).toMatchObject([{ rowNumber: 5, externalId: 'T-1', text: '公园路灯不亮' }]);
    expect(summary(fromCsv.rejects)).toEqual([[6, 'missing_field']]);

    const tabs = join(tmp, 'titled.txt');
    writeFileSync(tabs, ['工单明细（2025年3月）', standardHeader.join('\t'), 'T-3\t2025-03-02 10:00\t\t\t\t噪音扰民\t\t'].join('\n'));
    expect((await readAll(tabs)).rows).toMatchObject([{ rowNumber: 3, externalId: 'T-3', text: '噪音扰民' }]);

    const xlsx = join(tmp, 'titled.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工单');
    ws.addRow(['青禾市12345政务服务便民热线工单明细']);
    ws.mergeCells('A1:H1');
    ws.addRow([]);
    ws.addRow(standardHeader);
    ws.addRow(['T-4', '2025-03-02 11:00', '13800000044', '黄四', '区长公开电话', '占道经营', '西湖区', '紧急']);
    await wb.xlsx.writeFile(xlsx);
    const fromXlsx = await readAll(xlsx);
    expect(fromXlsx.rejects).toEqual([]);
    expect(fromXlsx.rows).toMatchObject([{ rowNumber: 4, externalId: 'T-4', text: '占道经营', urgency: 'urgent' }]);
  });

  it('matches header cells written with spaces or full-width brackets and colons', async () => {
    const path = join(tmp, 'full-width.csv');
    writeFileSync(path, '\uFEFF 受理编号 ,受理时间（北京时间）,诉求内容：\r\nW-1,2025-03-02 09:15,井盖缺失\r\n');
    const source: ExportSourceConfig = {
      name: 'vendor',
      encoding: 'auto',
      columns: { 受理编号: 'externalId', '受理时间(北京时间)': 'receivedAt', '诉求内容:': 'text' },
    };
    expect((await readAll(path, source)).rows).toMatchObject([{ externalId: 'W-1', text: '井盖缺失' }]);
  });

  it('uses the source line when the file has no line column, and a forced encoding', async () => {
    const path = join(tmp, 'district.csv');
    writeFileSync(path, iconv.encode('编号,时间,内容\r\nD1,2025-03-02 09:15,门前积水\r\n', 'gbk'));
    const source: ExportSourceConfig = {
      name: 'district',
      encoding: 'gbk',
      line: '区长公开电话',
      columns: { 编号: 'externalId', 时间: 'receivedAt', 内容: 'text' },
    };
    const { rows } = await readAll(path, source);
    expect(rows).toMatchObject([{ externalId: 'D1', line: '区长公开电话', text: '门前积水' }]);
  });

  it('reads a UTF-8 file with BOM as UTF-8 even when the source says gbk (an export re-saved by Excel)', async () => {
    const path = join(tmp, 'resaved.csv');
    writeFileSync(path, '\uFEFF编号,时间,内容\r\nD2,2025-03-02 09:15,门前积水\r\n');
    const source: ExportSourceConfig = {
      name: 'district',
      encoding: 'gbk',
      line: '区长公开电话',
      columns: { 编号: 'externalId', 时间: 'receivedAt', 内容: 'text' },
    };
    expect((await readAll(path, source)).rows).toMatchObject([{ externalId: 'D2', text: '门前积水' }]);
  });

  it('refuses rows whose 工单编号 Excel saved in scientific notation, instead of taking them for one repeated ticket', async () => {
    const path = join(tmp, 'resaved-numbers.csv');
    writeFileSync(
      path,
      iconv.encode(
        [
          standardHeader.join(','),
          '2.02503E+13,2025/3/2 9:15,13800000051,王先生,市长公开电话,路灯不亮,东湖区,一般',
          '2.02503E+13,2025/3/2 9:20,13800000052,李女士,市长公开电话,井盖丢失,西湖区,一般',
          '20250302000125,2025/3/2 9:25,13800000053,赵先生,市长公开电话,噪音扰民,南湖区,一般',
        ].join('\r\n'),
        'gbk',
      ),
    );
    const { rows, rejects } = await readAll(path);
    expect(rows.map((r) => r.externalId)).toEqual(['20250302000125']);
    expect(summary(rejects)).toEqual([
      [2, 'bad_id'],
      [3, 'bad_id'],
    ]);
    expect(rejects[0].reason).toMatch(/^工单编号是科学计数法“2\.02503E\+13”.*原编号已丢失/);
  });

  it('points at the encoding setting when a header decoded as sources.yaml says is not found', async () => {
    const path = join(tmp, 'really-utf8.csv');
    writeFileSync(path, '编号,时间,内容\r\nD3,2025-03-02 09:15,门前积水\r\n');
    const source: ExportSourceConfig = { name: 'district', encoding: 'gbk', columns: { 编号: 'externalId', 时间: 'receivedAt', 内容: 'text' } };
    const err = await readAll(path, source).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileUnreadableError);
    expect((err as FileUnreadableError).reason).toMatch(/^表头缺少必需的列.*来源“district”的 encoding: gbk 解码的：表头若是乱码，请把它改为 auto$/);
  });

  it("takes the line from the column that sources.yaml's line names, and the line itself otherwise", async () => {
    const path = join(tmp, 'channel-column.csv');
    writeFileSync(path, '编号,时间,内容,受理渠道\r\nK1,2025-03-02 09:15,门前积水,区长公开电话\r\nK2,2025-03-02 09:20,路灯不亮,\r\n');
    const columns = { 编号: 'externalId', 时间: 'receivedAt', 内容: 'text' } as const;
    const byColumn = await readAll(path, { name: 'district', encoding: 'auto', line: '受理渠道', columns });
    expect(byColumn.rows.map((r) => [r.externalId, r.line])).toEqual([
      ['K1', '区长公开电话'],
      ['K2', null],
    ]);
    const fixed = await readAll(path, { name: 'district', encoding: 'auto', line: '市长公开电话', columns });
    expect(fixed.rows.map((r) => [r.externalId, r.line])).toEqual([
      ['K1', '市长公开电话'],
      ['K2', '市长公开电话'],
    ]);
  });

  it('yields batches of the requested size and reports progress up to the whole file', async () => {
    const path = join(tmp, 'many.csv');
    const lines = ['工单编号,来电时间,诉求内容'];
    for (let i = 1; i <= 2500; i++) lines.push(`N${i},2025-03-02 09:15,第${i}条诉求${i % 500 === 0 ? '' : '内容'}`);
    writeFileSync(path, lines.join('\n'));
    const progress: ExportProgress[] = [];
    const { rows, rejects, batches } = await readAll(
      path,
      { ...standard, columns: { 工单编号: 'externalId', 来电时间: 'receivedAt', 诉求内容: 'text' } },
      { batchSize: 1000, onProgress: (p) => progress.push(p) },
    );
    expect(rows).toHaveLength(2500);
    expect(rejects).toHaveLength(0);
    expect(batches).toBe(3);
    expect(rows[2499].rowNumber).toBe(2501);
    expect(progress.at(-1)).toMatchObject({ rowsRead: 2500, bytesRead: progress.at(-1)!.totalBytes });
  });

  it.each([
    ['utf16le', Buffer.from([0xff, 0xfe])],
    ['utf16be', Buffer.from([0xfe, 0xff])],
  ] as const)('reads Excel "Unicode text" (%s with its byte-order mark, tab-separated) exported as .txt', async (encoding, bom) => {
    const path = join(tmp, `unicode-${encoding}.txt`);
    const text = '工单编号\t来电时间\t诉求内容\t地址\r\nU1\t2025/3/2 9:15\t门前积水，希望尽快处理\t东湖区幸福路\r\nU2\t2025-03-02 10:00\t路灯不亮\t\r\n';
    const le = Buffer.from(text, 'utf16le');
    const body = encoding === 'utf16le' ? le : Buffer.from(le).swap16();
    writeFileSync(path, Buffer.concat([bom, body]));
    let info: ExportFileInfo | undefined;
    const { rows, rejects } = await readAll(path, standard, { onHeader: (i) => (info = i) });
    expect(info?.encoding).toBe(encoding);
    expect(rejects).toEqual([]);
    expect(rows).toMatchObject([
      { externalId: 'U1', text: '门前积水，希望尽快处理', address: '东湖区幸福路' },
      { externalId: 'U2', text: '路灯不亮' },
    ]);
  });

  it.each([
    ['empty.csv', Buffer.alloc(0), /空的/],
    ['blank.csv', Buffer.from('\r\n\r\n'), /没有表头行/],
    ['title-only.csv', Buffer.from('青禾市12345热线工单明细\r\n导出时间：2025-03-04\r\n'), /表头缺少必需的列.*文件表头为：青禾市12345热线工单明细/],
    [
      'typo-under-title.csv',
      Buffer.from('青禾市12345热线工单明细\r\n工单编号,来电日期,诉求内容\r\nA1,2025-03-02,路灯不亮\r\n'),
      /表头缺少必需的列：来电时间.*文件表头为：工单编号, 来电日期, 诉求内容/,
    ],
    ['binary.csv', Buffer.from([0x01, 0x00, 0x02, 0x00, 0x41]), /二进制/],
    ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /\.xls/],
    ['fake.xlsx', Buffer.from('工单编号,来电时间\n'), /不是 XLSX/],
    ['other.csv', Buffer.from('姓名,电话,备注\n张三,138,无\n'), /表头缺少必需的列：工单编号、来电时间、诉求内容/],
  ])('refuses %s as unreadable with a reason', async (name, bytes, reason) => {
    const path = join(tmp, name);
    writeFileSync(path, bytes);
    const err = await readAll(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileUnreadableError);
    expect((err as FileUnreadableError).reason).toMatch(reason);
  });
});

describe('writeRejectsReport', () => {
  it('writes a UTF-8 CSV with BOM that Excel opens: 行号, 原因, 原始内容', async () => {
    const { rejects } = await readAll(fixture('standard-gbk.csv'));
    const path = join(tmp, 'rejects.csv');
    expect(await writeRejectsReport(path, rejects)).toBe(4);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1).split('\r\n');
    expect(text[0]).toBe('行号,原因,原始内容');
    expect(text[1]).toBe('4,缺少必填项：诉求内容,"GD20250302003,2025-03-02 10:05,,匿名,区长公开电话,,东湖区,一般"');
    expect(text[4]).toMatch(/^8,引号没有闭合.*,"GD20250302007.*""油烟问题反映多次/);
  });
});
