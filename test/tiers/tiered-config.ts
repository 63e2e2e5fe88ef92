import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

export const DISTRICT = '东湖区人民政府';
export const STREET = '桃园街道办事处';
export const OTHER_STREET = '湖滨街道办事处';
export const COMMUNITY = '桃园社区居委会';

/** The demo city with a district desk over two street offices, one of them a desk over a community. */
export function tieredConfigDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-tiers-'));
  cpSync(resolve(__dirname, '../../config'), dir, { recursive: true });
  const units = readFileSync(join(dir, 'units.yaml'), 'utf8').replace(
    /^supervisors:/m,
    [
      `  - name: ${COMMUNITY}\n    tier: community\n    parent: ${STREET}\n    email: taoyuan-sq@units.qinghe.example`,
      `  - name: ${STREET}\n    tier: street\n    desk: true\n    parent: ${DISTRICT}\n    email: taoyuan-jd@units.qinghe.example`,
      `  - name: ${OTHER_STREET}\n    tier: street\n    parent: ${DISTRICT}\n    email: hubin-jd@units.qinghe.example`,
      'supervisors:',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'units.yaml'), units);
  return dir;
}
