/**
 * Units named in the caller's request ("希望城管部门…", "请求医保部门…", "要求警方查处…"). When people say which
 * unit they want, it is nearly always the unit that handles the matter, and that is what operators route
 * to: the classifier adds a bonus to the categories led by the unit named (its size fitted out of fold).
 *
 * The table holds the usual short names of Chinese departments (城管 for 城市管理局, 人社 for 人力资源和社会保障局…);
 * each entry applies to the categories whose unit name (or `{region}` template) matches `unit`, so a city whose
 * units are named otherwise simply gets no bonus for that entry.
 */
const UNIT_ALIASES: ReadonlyArray<{ said: string; unit: RegExp }> = [
  { said: '城管|城市管理|综合执法|综合行政执法', unit: /城市管理|城管|综合执法|综合行政执法/ },
  { said: '住建|住房和城乡建设|住房城乡建设|房管|房产管理|建设部门|建设局', unit: /住房和城乡建设|住房城乡建设|住建|房产管理|房管/ },
  {
    said: '人社|人力资源和社会保障|人力资源社会保障|劳动监察|劳动保障|劳动部门|社保部门|社保局|社保中心|社保经办',
    unit: /人力资源和社会保障|人力资源社会保障|人社/,
  },
  { said: '医保|医疗保障', unit: /医疗保障|医保/ },
  { said: '卫健|卫生健康|卫生部门|卫生局|卫生监督|卫计', unit: /卫生健康|卫健/ },
  { said: '公安|警方|派出所|民警|警察|交警', unit: /公安/ },
  { said: '法院', unit: /法院/ },
  { said: '市场监管|市场监督|市监|工商部门|工商局|物价部门|质监', unit: /市场监督|市场监管/ },
  { said: '环保|生态环境|环境保护|环境部门|环境监测', unit: /生态环境|环境保护/ },
  { said: '自然资源|国土|规划部门|规划局', unit: /自然资源|国土/ },
  { said: '农业农村|农业部门|农业局|农委|农业农村部门|农经', unit: /农业农村|农业/ },
  { said: '交通运输|交通部门|交通局|运管|公路部门|公路局|交通执法', unit: /交通运输|交通/ },
  { said: '教育部门|教育局|教体局|教育主管', unit: /教育/ },
  { said: '民政', unit: /民政/ },
  { said: '退役军人', unit: /退役军人/ },
  { said: '供电公司|供电部门|供电局|供电所|电力公司|电力部门|国网', unit: /供电|电力|电网/ },
  { said: '水务|自来水公司|供水公司|供水部门|自来水厂', unit: /水务|自来水|供水/ },
  { said: '国资委|国资部门|国有资产监督|国资监管', unit: /国有资产|国资/ },
  { said: '纪委|监委|纪检|监察委', unit: /纪委|监委|纪检|监察/ },
  { said: '政务服务|大数据局|数据局|行政审批', unit: /政务服务|大数据|行政审批/ },
  { said: '乡政府|镇政府|区政府|县政府|乡镇政府|街道办', unit: /人民政府/ },
];

/**
 * Clauses opened by a question (来电人咨询…, 请问…) name what is asked about, not who should act (and are often
 * answered on the spot): they do not count.
 */
const QUESTION_OPENERS = ['咨询', '询问', '请问', '想问'];

function isQuestion(text: string, at: number): boolean {
  for (const q of QUESTION_OPENERS) if (text.startsWith(q, at)) return true;
  return false;
}

/** One regex over all aliases: the capture group that matched tells the entry. */
const SAID = new RegExp(UNIT_ALIASES.map((a) => `(${a.said})`).join('|'), 'g');

export class UnitMentions {
  /** For each table entry, the label indexes whose unit it names (empty: no such unit here). */
  private readonly labelsOf: number[][];
  private readonly seen: Uint8Array;
  private readonly labelSeen: Uint8Array;
  /** Label indexes of the last `find` (valid up to `count`). */
  readonly found: Int32Array;
  count = 0;

  /** `unitOfLabel[j]`: the unit (or unit template) of label j, null for direct answers. */
  constructor(unitOfLabel: ReadonlyArray<string | null>) {
    this.labelsOf = UNIT_ALIASES.map((a) => {
      const out: number[] = [];
      unitOfLabel.forEach((u, j) => {
        if (u && a.unit.test(u)) out.push(j);
      });
      return out;
    });
    this.seen = new Uint8Array(UNIT_ALIASES.length);
    this.labelSeen = new Uint8Array(unitOfLabel.length);
    this.found = new Int32Array(unitOfLabel.length);
  }

  /** Whether any entry of the table names a unit of this directory. */
  get useful(): boolean {
    return this.labelsOf.some((l) => l.length > 0);
  }

  /**
   * Labels led by a unit named inside the request clauses of `text` (`clauses`: sorted [from, to) pairs, see
   * `requestClauses`). The result is in `found[0..count)`; a unit named twice counts once.
   */
  find(text: string, clauses: ArrayLike<number>, clauseCount = clauses.length): number {
    if (this.count) for (let i = 0; i < this.count; i++) this.labelSeen[this.found[i]] = 0;
    this.count = 0;
    if (!clauseCount) return 0;
    this.seen.fill(0);
    let q = 0;
    while (q < clauseCount && isQuestion(text, clauses[q])) q += 2;
    if (q >= clauseCount) return 0;
    SAID.lastIndex = clauses[q];
    for (let m = SAID.exec(text); m; m = SAID.exec(text)) {
      while (q < clauseCount && (m.index >= clauses[q + 1] || isQuestion(text, clauses[q]))) q += 2;
      if (q >= clauseCount) break;
      if (m.index < clauses[q]) {
        SAID.lastIndex = clauses[q];
        continue;
      }
      let a = 1;
      while (m[a] === undefined) a++;
      a--;
      if (this.seen[a]) continue;
      this.seen[a] = 1;
      for (const j of this.labelsOf[a]) {
        if (this.labelSeen[j]) continue;
        this.labelSeen[j] = 1;
        this.found[this.count++] = j;
      }
    }
    return this.count;
  }
}
