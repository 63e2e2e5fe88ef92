/**
 * A district's two years of history, built to match the figures of its annual work summary
 * (DOMAIN.md): 2025 hotline 421 (省长公开电话 6, 市长公开电话 7, 区长公开电话 408), 直接答复 17,
 * 提供服务 14, 交办 390 of which 384 closed, all replied, 360 surveyed of which 5 不满意
 * (满意率 355/360 = 98.6%); 省长信箱 15, 市长信箱 53; 2024 five per cent smaller (hotline 401).
 */
import { BUSINESS_UTC_OFFSET, toBusinessIso } from '@hub/domain';

export const UNITS = ['市住房和城乡建设局', '市生态环境局', '东湖区城市管理局', '东湖区人民政府'];
const CATEGORIES = ['城市管理/占道经营', '住房保障/物业管理', '生态环境/噪声污染', '交通出行/公交线路'];
const REGIONS = ['东湖区', '西岭区'];
const H = 3_600_000;
const D = 24 * H;

export interface FixtureLine {
  id: string;
  source: string;
  channel: string;
  receivedAt: string;
  text: string;
  category: string | null;
  region: string | null;
  disposition: string;
  unit: string | null;
  acknowledgedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  replyDueAt: string | null;
  outcome: string | null;
  rating: string | null;
}

/** ISO 8601 with the +08:00 offset the offices write. */
function bj(ms: number): string {
  return `${toBusinessIso(new Date(ms)).slice(0, 19)}${BUSINESS_UTC_OFFSET}`;
}

interface YearPlan {
  year: number;
  lines: Array<[string, number]>;
  directAnswer: number;
  serviceProvided: number;
  /** Dispatched tickets still open (replied, not yet closed). */
  openDispatched: number;
  ackLate: number;
  repliedLate: number;
  surveyed: number;
  unsatisfied: number;
  mailboxes: Array<[string, number]>;
}

export const PLAN_2025: YearPlan = {
  year: 2025,
  lines: [
    ['省长公开电话', 6],
    ['市长公开电话', 7],
    ['区长公开电话', 408],
  ],
  directAnswer: 17,
  serviceProvided: 14,
  openDispatched: 6,
  ackLate: 3,
  repliedLate: 2,
  surveyed: 360,
  unsatisfied: 5,
  mailboxes: [
    ['省长信箱', 15],
    ['市长信箱', 53],
  ],
};
export const PLAN_2024: YearPlan = {
  year: 2024,
  lines: [
    ['省长公开电话', 5],
    ['市长公开电话', 7],
    ['区长公开电话', 389],
  ],
  directAnswer: 16,
  serviceProvided: 13,
  openDispatched: 0,
  ackLate: 0,
  repliedLate: 0,
  surveyed: 372,
  unsatisfied: 2,
  mailboxes: [
    ['省长信箱', 14],
    ['市长信箱', 50],
  ],
};

function yearLines(p: YearPlan): FixtureLine[] {
  const out: FixtureLine[] = [];
  const hotline = p.lines.flatMap(([name, n]) => Array.from({ length: n }, () => name));
  const n = hotline.length;
  // The first ticket of the year arrives half an hour after midnight Beijing time (still the
  // previous day in UTC); the last at 23:30 on 31 December: both belong to this year.
  const start = Date.UTC(p.year, 2, 3, 1, 0); // 3 March 09:00 Beijing
  const at = (i: number) =>
    i === 0 ? Date.UTC(p.year - 1, 11, 31, 16, 30) : i === n - 1 ? Date.UTC(p.year, 11, 31, 15, 30) : start + Math.floor((i * 250) / n) * D + (i % 8) * H;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const j = (i * 7) % n; // spreads the dispositions over the lines and the year
    const disposition = j < p.directAnswer ? 'direct_answer' : j < p.directAnswer + p.serviceProvided ? 'service_provided' : 'dispatched';
    const t = at(i);
    const base: FixtureLine = {
      id: `${p.year}-H-${String(i + 1).padStart(4, '0')}`,
      source: hotline[i],
      channel: 'hotline',
      receivedAt: bj(t),
      text: `来电反映东湖区第${i + 1}号问题`,
      category: '政策咨询/社保政策',
      region: null,
      disposition,
      unit: null,
      acknowledgedAt: null,
      repliedAt: null,
      closedAt: null,
      replyDueAt: null,
      outcome: null,
      rating: null,
    };
    if (disposition !== 'dispatched') {
      out.push({ ...base, repliedAt: bj(t + 0.2 * H), closedAt: bj(t + 0.2 * H) });
      continue;
    }
    out.push(dispatchedLine(base, t, k++, p));
  }
  let m = 0;
  for (const [name, count] of p.mailboxes) {
    for (let i = 0; i < count; i++, m++) {
      const t = Date.UTC(p.year, 3, 1, 2, 0) + m * 2 * D;
      out.push({
        id: `${p.year}-M-${String(m + 1).padStart(4, '0')}`,
        source: name,
        channel: 'mailbox',
        receivedAt: bj(t),
        text: `来信反映第${m + 1}号问题`,
        category: CATEGORIES[m % 4],
        region: REGIONS[m % 2],
        disposition: 'dispatched',
        unit: UNITS[m % 4],
        acknowledgedAt: bj(t + 2 * H),
        repliedAt: bj(t + 3 * D),
        closedAt: bj(t + 4 * D),
        replyDueAt: bj(t + 15 * D),
        outcome: 'resolved',
        rating: '满意',
      });
    }
  }
  return out;
}

function dispatchedLine(base: FixtureLine, t: number, k: number, p: YearPlan): FixtureLine {
  const closed = k >= p.openDispatched;
  const c = k - p.openDispatched; // index among the closed ones
  const surveyed = closed && c < p.surveyed;
  const ackLate = k >= 10 && k < 10 + p.ackLate;
  const late = k >= 20 && k < 20 + p.repliedLate;
  const replied = t + (late ? 9 : 3) * D;
  return {
    ...base,
    category: CATEGORIES[k % 4],
    region: REGIONS[k % 2],
    unit: UNITS[k % 4],
    acknowledgedAt: bj(t + (ackLate ? 5 * D : 2 * H)),
    repliedAt: bj(replied),
    closedAt: closed ? bj(replied + D) : null,
    replyDueAt: bj(t + 7 * D),
    outcome: k % 39 === 0 ? 'explained' : 'resolved',
    rating: surveyed ? (c < p.unsatisfied ? '不满意' : c < 20 ? '基本满意' : '满意') : null,
  };
}

/** Both years, with three bad lines after line 100 (a bad time, broken JSON, an unknown unit). */
export function historyJsonl(): { text: string; good: number; badLineNumbers: number[] } {
  const lines = [...yearLines(PLAN_2024), ...yearLines(PLAN_2025)].map((l) => JSON.stringify(l));
  const bad = [
    JSON.stringify({ id: 'bad-1', source: '区长公开电话', channel: 'hotline', receivedAt: '2025-13-45 25:00', text: 'x', disposition: 'direct_answer' }),
    '{"id":"bad-2","source":"区长公开电话",',
    JSON.stringify({
      id: 'bad-3',
      source: '区长公开电话',
      channel: 'hotline',
      receivedAt: '2025-05-01T10:00:00+08:00',
      text: 'x',
      disposition: 'dispatched',
      unit: '不存在的局',
    }),
  ];
  const good = lines.length;
  lines.splice(100, 0, ...bad);
  return { text: `${lines.join('\n')}\n`, good, badLineNumbers: [101, 102, 103] };
}
