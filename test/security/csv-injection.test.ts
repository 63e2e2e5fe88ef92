import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { parse } from 'csv-parse/sync';
import { join } from 'path';
import { loadConfig } from '@hub/config';
import { readExport, RowReject, writeRejectsReport } from '@hub/intake';

const HEADER = '工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度';

describe('the rejected-rows report opened in Excel (#9)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-csvinj-'));
  const source = loadConfig(process.env).sources.sources.find((s) => s.name === 'standard')!;

  it('writes every cell that would start a formula as text, with a leading apostrophe', async () => {
    const file = join(dir, 'attack.csv');
    writeFileSync(
      file,
      [
        HEADER,
        `"=2+5+cmd|' /C calc'!A0",2025-03-02 09:15,13800000061,王先生,市长公开电话,,东湖区,一般`,
        "@SUM(1+1)*cmd|' /C calc'!A0,2025-03-02 09:16,13800000062,李女士,市长公开电话,,东湖区,一般",
        '+1+1,2025-03-02 09:17,13800000063,赵先生,市长公开电话,,东湖区,一般',
        '-1+1,2025-03-02 09:18,13800000064,钱女士,市长公开电话,,东湖区,一般',
        '"\t=1+1",2025-03-02 09:19,13800000065,孙先生,市长公开电话,,东湖区,一般',
        'R-6,2025-03-02 09:20,13800000066,周女士,市长公开电话,,东湖区,一般',
      ].join('\r\n'),
      'utf8',
    );
    const rejects: RowReject[] = [];
    for await (const batch of readExport(file, source)) rejects.push(...batch.rejects);
    expect(rejects).toHaveLength(6);
    const report = join(dir, 'attack.rejects.csv');
    await writeRejectsReport(report, rejects);
    // The cells as a spreadsheet reads them; the third is each row as it was in the file.
    const cells = (parse(readFileSync(report, 'utf8').replace(/^\uFEFF/, ''), { relax_quotes: true }) as string[][]).slice(1);
    expect(cells.map((c) => c[2].split(',')[0])).toEqual([`"=2+5+cmd|' /C calc'!A0"`, "'@SUM(1+1)*cmd|' /C calc'!A0", "'+1+1", "'-1+1", `"\t=1+1"`, 'R-6']);
    for (const cell of cells.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('leaves the reason column and ordinary text as they were', async () => {
    const report = join(dir, 'plain.rejects.csv');
    await writeRejectsReport(report, [
      { rowNumber: 3, code: 'missing_field', reason: '缺少必填项：诉求内容', raw: 'R-2,2025-03-02 09:20,,李女士' } as RowReject,
    ]);
    expect(readFileSync(report, 'utf8')).toBe('\uFEFF行号,原因,原始内容\r\n3,缺少必填项：诉求内容,"R-2,2025-03-02 09:20,,李女士"\r\n');
  });
});
