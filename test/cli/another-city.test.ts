import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// `hub` run for a city that is not the demo city: its own units, regions and categories, and no
// urgency.yaml (INTERFACES.md does not require one).
const ROOT = join(__dirname, '..', '..');
const REGISTER = join(ROOT, 'test/support/swc-register.js');
const MAIN = join(ROOT, 'apps/cli/src/main.ts');

const UNITS = `units:
  - { name: 澜州港华燃气有限公司, kind: utility, email: gas@lz.example }
  - { name: 澜州自来水有限公司, kind: utility, email: water@lz.example }
  - { name: 澜州市人力资源和社会保障局, kind: department, email: rs@lz.example }
  - { name: 江口区综合行政执法局, kind: department, region: 江口区, email: jk@lz.example }
  - { name: 石门县综合行政执法局, kind: department, region: 石门县, email: sm@lz.example }
`;
const TAXONOMY = `categories:
  - { path: 市容环境/乱摆摊点, unit: "{region}综合行政执法局" }
  - { path: 水电燃气/燃气, unit: 澜州港华燃气有限公司 }
  - { path: 水电燃气/供水, unit: 澜州自来水有限公司 }
  - { path: 劳动保障/欠薪, unit: 澜州市人力资源和社会保障局 }
  - { path: 政策咨询/办事指南, directAnswer: true }
`;
const REGIONS = `city: 澜州市
regions:
  - name: 江口区
    kind: district
    places:
      - { name: 滨江街道, kind: street, landmarks: [江滨路, 码头新村, 渔人码头] }
  - name: 石门县
    kind: county
    places:
      - { name: 石门镇, kind: town, landmarks: [石门老街, 桐木村, 上桐组] }
`;
const PLACES = ['江滨路', '码头新村', '渔人码头', '石门老街', '桐木村', '上桐组'];
const REGION_OF: Record<string, string> = { 江滨路: '江口区', 码头新村: '江口区', 渔人码头: '江口区', 石门老街: '石门县', 桐木村: '石门县', 上桐组: '石门县' };
const TEMPLATES: Array<[string, string[]]> = [
  [
    '市容环境/乱摆摊点',
    ['{p}门口每天傍晚有流动摊贩占道卖水果，行人只能走机动车道。', '{p}早市摊位摆到马路中间，要求取缔占道摆卖。', '{p}夜市大排档占用人行道经营到凌晨。'],
  ],
  [
    '水电燃气/燃气',
    ['{p}的管道燃气开户两个月还没通气，要求燃气公司安装。', '{p}燃气表显示的用气量和实际不符，请燃气公司校表。', '{p}燃气公司维修人员预约一周都不上门。'],
  ],
  ['水电燃气/供水', ['{p}从早上开始停水，没有任何通知。', '{p}的自来水发黄有异味，请检测水质。', '{p}水压太低，五楼以上基本没水。']],
  ['劳动保障/欠薪', ['在{p}的工地干了四个月，包工头拖欠工资不给。', '{p}一家服装厂老板三个月没发工资，人也联系不上。', '{p}餐馆离职后老板扣着工资不发。']],
  ['政策咨询/办事指南', ['来电人咨询办理居住证需要哪些材料。', '市民咨询新生儿医保参保需要什么手续。', '来电咨询个体工商户注销流程。']],
];
const UNIT_OF: Record<string, string | null> = {
  '市容环境/乱摆摊点': '{region}综合行政执法局',
  '水电燃气/燃气': '澜州港华燃气有限公司',
  '水电燃气/供水': '澜州自来水有限公司',
  '劳动保障/欠薪': '澜州市人力资源和社会保障局',
  '政策咨询/办事指南': null,
};

function labelled(): string {
  const out: string[] = [];
  for (const [category, texts] of TEMPLATES) {
    PLACES.forEach((p, i) => {
      const tpl = texts[i % texts.length];
      const region = tpl.includes('{p}') ? REGION_OF[p] : null;
      const unit = UNIT_OF[category];
      out.push(
        JSON.stringify({
          id: `${category}-${i}`,
          channel: i % 2 ? 'mailbox' : 'hotline',
          text: tpl.replace('{p}', p),
          category,
          region,
          department: unit ? unit.replace('{region}', region ?? '') : null,
          urgency: 'normal',
          disposition: unit ? 'dispatch' : 'direct_answer',
        }),
      );
    });
  }
  return out.join('\n') + '\n';
}

describe('hub for a city other than the demo city', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-cli-city-'));
  const configDir = join(dir, 'config');
  const dataDir = join(dir, 'data');
  const hub = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['-r', REGISTER, MAIN, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, HUB_DATA_DIR: dataDir, HUB_CONFIG_DIR: configDir },
      timeout: 120_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(() => {
    mkdirSync(configDir);
    for (const f of ['sources.yaml', 'mailboxes.yaml', 'holidays.yaml']) copyFileSync(join(ROOT, 'config', f), join(configDir, f));
    writeFileSync(join(configDir, 'policies.yaml'), readFileSync(join(ROOT, 'config/policies.yaml'), 'utf8').replace('category: 咨询', 'category: 政策咨询'));
    writeFileSync(join(configDir, 'units.yaml'), UNITS);
    writeFileSync(join(configDir, 'taxonomy.yaml'), TAXONOMY);
    writeFileSync(join(configDir, 'regions.yaml'), REGIONS);
    writeFileSync(join(dir, 'train.jsonl'), labelled());
    expect(hub('model', 'train', '--in', join(dir, 'train.jsonl')).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('routes to its own units and regions and marks a gas leak urgent without an urgency.yaml of its own', () => {
    writeFileSync(
      join(dir, 'in.jsonl'),
      [
        JSON.stringify({ id: 'leak', text: '江滨路8号楼道里闻到很浓的燃气味，怀疑管道泄漏，请马上派人。' }),
        JSON.stringify({ id: 'stall', text: '石门老街门口流动摊贩占道卖水果，行人只能走机动车道。' }),
      ].join('\n') + '\n',
    );
    const r = hub('classify', '--in', join(dir, 'in.jsonl'));
    expect(r.code).toBe(0);
    const [leak, stall] = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(leak).toMatchObject({ id: 'leak', region: '江口区', department: '澜州港华燃气有限公司', urgency: 'urgent' });
    expect(stall).toMatchObject({ id: 'stall', region: '石门县', department: '石门县综合行政执法局', urgency: 'normal' });
  });

  it('skips a null line and a blank text with their line numbers instead of crashing or guessing a unit', () => {
    writeFileSync(
      join(dir, 'bad.jsonl'),
      ['null', JSON.stringify({ id: 'blank', text: '  ' }), JSON.stringify({ id: 'ok', text: '码头新村停水了一整天。' })].join('\n') + '\n',
    );
    const r = hub('classify', '--in', join(dir, 'bad.jsonl'));
    expect(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).id),
    ).toEqual(['ok']);
    expect(r.stderr).toContain('bad.jsonl:1: not a JSON object');
    expect(r.stderr).toContain('bad.jsonl:2: "text" is blank, skipped');
    expect(r.stderr).not.toContain('    at ');
    expect(r.code).toBe(1);
  });

  it('says in one line that the output folder does not exist', () => {
    const r = hub('classify', '--in', join(dir, 'in.jsonl'), '--out', join(dir, 'no-such-folder', 'out.jsonl'));
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([`hub: cannot write ${join(dir, 'no-such-folder', 'out.jsonl')}: no such folder`]);
  });

  it("refuses to train on the demo city's labels and keeps the active model", () => {
    const models = () => readdirSync(join(dataDir, 'models')).sort();
    const before = models();
    const r = hub('model', 'train', '--in', join(ROOT, 'config/training/demo-city.jsonl'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/item\(s\) name categories taxonomy\.yaml does not list, not trained on: /);
    expect(r.stderr).toMatch(/hub: the examples cover [01] category of taxonomy\.yaml/);
    expect(models()).toEqual(before);
    expect(existsSync(join(dataDir, 'models'))).toBe(true);
  });
});
