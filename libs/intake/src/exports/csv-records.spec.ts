import { CsvRecordReader } from './csv-records';

function read(text: string, width = 3, chunk = 7) {
  const r = new CsvRecordReader();
  const out = [];
  for (let i = 0; i < text.length; i += chunk) {
    out.push(...r.push(text.slice(i, i + chunk)));
    if (out.length && r.expectedColumns === null) r.expectedColumns = width;
  }
  out.push(...r.end());
  return out.map((x) => ({ row: x.rowNumber, fields: x.fields, bad: x.quoteError !== null }));
}

describe('CsvRecordReader', () => {
  it('splits records across chunk boundaries, with quoted commas, escaped quotes and line breaks in fields', () => {
    expect(read('a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line1\r\nline2",z\r\n3,,\r\n')).toEqual([
      { row: 1, fields: ['a', 'b', 'c'], bad: false },
      { row: 2, fields: ['1', 'x, y', 'say "hi"'], bad: false },
      { row: 3, fields: ['2', 'line1\r\nline2', 'z'], bad: false },
      { row: 4, fields: ['3', '', ''], bad: false },
    ]);
  });

  it('loses only the line of an unclosed quote, even when a later line holds quotes', () => {
    const rows = read('a,b,c\n1,"open,x\n2,ok,"fine"\n3,"q""q",y\n4,last,z\n');
    expect(rows.map((r) => [r.row, r.bad, r.fields[0]])).toEqual([
      [1, false, 'a'],
      [2, true, undefined],
      [3, false, '2'],
      [4, false, '3'],
      [5, false, '4'],
    ]);
  });

  it('flags a quote in the middle of a field and text after a closing quote', () => {
    expect(read('a,b,c\n1,ab"c,d\n2,"x"y,z\n3,ok,ok\n').map((r) => r.bad)).toEqual([false, true, true, false]);
  });

  it('counts blank lines as rows, as Excel shows them', () => {
    expect(read('a,b,c\n\n1,2,3\n').map((r) => r.row)).toEqual([1, 2, 3]);
  });
});
