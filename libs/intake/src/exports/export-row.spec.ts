import { urgencyOf } from './export-row';

describe('urgencyOf (the export urgency column: a level, or yes/no under 是否紧急)', () => {
  it.each(['紧急', '特急', '加急', '急件', '急', 'URGENT', '紧急件', '是', 'Y'])('reads %s as urgent', (v) => {
    expect(urgencyOf(v)).toBe('urgent');
  });
  it.each(['一般', '普通', '不紧急', '非紧急', '', null, '急躁', '否', 'N'])('reads %j as normal', (v) => {
    expect(urgencyOf(v)).toBe('normal');
  });
});
