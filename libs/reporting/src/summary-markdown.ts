import { CHANNELS } from '@hub/domain';
import { percent, RATE_LABELS, Rates } from './figures';
import type { ChannelSummary, ReportChannel, SummaryReport } from './summary-report';

/** Lines and mailboxes in the order offices list them: province, city, district, others. */
const SOURCE_ORDER = ['省长公开电话', '市长公开电话', '区长公开电话', '12345热线', '省长信箱', '市长信箱'];

export function orderedSources(bySource: Record<string, number>): Array<[string, number]> {
  const rank = (n: string) => (SOURCE_ORDER.indexOf(n) === -1 ? SOURCE_ORDER.length : SOURCE_ORDER.indexOf(n));
  return Object.entries(bySource).sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1] || a[0].localeCompare(b[0], 'zh'));
}

/** "1月1日" style date, with the year. */
function cnDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function yoy(change: number | null): string {
  if (change === null) return '';
  if (change === 0) return '，与上年同期持平';
  return `，同比${change > 0 ? '增加' : '减少'}${percent(Math.abs(change))}`;
}

function rateSentence(r: Rates, dispatched: number, keys: Array<keyof Rates>): string {
  if (!dispatched) return '';
  return keys.map((k) => `${RATE_LABELS[k]}${percent(r[k])}`).join('，');
}

const CHANNEL_WORDS: Record<ReportChannel, { noun: string; dispatch: string }> = {
  hotline: { noun: '热线电话', dispatch: '电话交办' },
  mailbox: { noun: '来信', dispatch: '转交办' },
  web: { noun: '网上来件', dispatch: '转交办' },
};

function channelParagraph(ch: ReportChannel, c: ChannelSummary): string {
  const w = CHANNEL_WORDS[ch];
  const sources = orderedSources(c.bySource);
  let s: string;
  if (ch === 'hotline') {
    s = `受理${w.noun}${c.received}件${yoy(c.change)}`;
    if (sources.length > 1 || (sources.length === 1 && sources[0][0] !== w.noun)) s += `，其中${sources.map(([n, v]) => `${n}${v}件`).join('、')}`;
  } else {
    s = `受理${sources.length ? sources.map(([n, v]) => `${n}${v}件`).join('、') : `${w.noun}${c.received}件`}`;
    if (sources.length > 1) s += `，共${c.received}件`;
    s += yoy(c.change);
  }
  s += '。';
  const d = c.dispositions;
  const parts: string[] = [];
  if (d.directAnswer) parts.push(`直接答复${d.directAnswer}件`);
  if (d.serviceProvided) parts.push(`提供服务${d.serviceProvided}件`);
  parts.push(`${w.dispatch}${d.dispatched}件${d.dispatched ? `，其中办结${c.dispatched.closed}件` : ''}`);
  if (d.invalid) parts.push(`无效${d.invalid}件`);
  if (d.merged) parts.push(`重复件并单${d.merged}件`);
  s += `${parts.join('，')}。`;
  const rates = rateSentence(c.rates, d.dispatched, ['feedbackRate', 'completionRate', 'satisfactionRate']);
  if (rates) s += `${rates}。`;
  return s;
}

/**
 * The figures as a section an office pastes into its 工作总结: one paragraph per channel in the
 * customary order (hotline lines, then mailboxes), then timeliness, hot topics and the definitions.
 */
export function renderSummaryMarkdown(r: SummaryReport, opts: { title?: string } = {}): string {
  const out: string[] = [];
  out.push(`## ${opts.title ?? '群众诉求受理办理情况'}（${cnDate(r.from)}至${cnDate(r.to)}）`, '');
  const channels = CHANNELS.filter((c) => r.byChannel[c] && r.byChannel[c]!.received > 0);
  if (channels.length > 1 || !channels.length) {
    out.push(
      `本期共受理群众诉求${r.received.total}件${yoy(r.previousPeriod.change)}${r.previousPeriod.total ? `（上年同期${r.previousPeriod.total}件）` : ''}。`,
      '',
    );
  }
  for (const ch of channels) out.push(channelParagraph(ch, r.byChannel[ch]!), '');
  const d = r.dispatched;
  const t = r.timeliness;
  if (d.total) {
    const s = [
      `全部交办件${d.total}件，按时签收${d.acknowledgedOnTime}件，已反馈${d.replied}件（按期反馈${d.repliedOnTime}件），已办结${d.closed}件`,
      `${rateSentence(r.rates, d.total, ['responseRate', 'feedbackRate', 'completionRate', 'onTimeRate', 'satisfactionRate', 'resolutionRate'])}`,
      `当前超期未反馈${d.overdue}件，累计超期${t.overdueEver}件；退单${t.returns}次，延期${t.extended}件，重办${t.reopened}次`,
    ];
    if (t.averageHandlingHours !== null) s.push(`平均办理时长${t.averageHandlingHours}小时，90%的交办件在${t.p90HandlingHours}小时内反馈`);
    out.push(`${s.join('；')}。`, '');
  }
  const hot: string[] = [];
  if (r.topCategories.length)
    hot.push(
      `热点问题集中在${r.topCategories
        .slice(0, 5)
        .map((c) => `${c.category}（${c.count}件）`)
        .join('、')}`,
    );
  if (r.topRegions.length)
    hot.push(
      `来件较多的区域为${r.topRegions
        .slice(0, 5)
        .map((c) => `${c.region}（${c.count}件）`)
        .join('、')}`,
    );
  hot.push(`重复件${r.repeats}件，集体访${r.collective}件`);
  out.push(`${hot.join('；')}。`, '');
  const c = r.configuredRates;
  const own = c.set === 'preset:53号文' ? [] : c.rates;
  const shown = [...own, ...c.quality].filter((f) => f.denominator > 0);
  if (shown.length) {
    const set = c.set === 'rates.yaml' ? '本地考核口径' : c.set === 'preset:beijing' ? '接诉即办考核口径' : '考核口径';
    const figures = shown.map((f) => `${f.label}${percent(f.value)}（${f.numerator}/${f.denominator}）`).join('，');
    out.push(`按${own.length ? set : '派单与重复件口径'}：${figures}${own.length && c.score !== null ? `，综合得分${c.score}分` : ''}。`, '');
  }
  const configuredDefinitions = [...own, ...c.quality].map((f) => f.definition);
  out.push('> 口径说明：', ...[...r.definitions, ...configuredDefinitions].map((x) => `> - ${x}`), '');
  return out.join('\n');
}
