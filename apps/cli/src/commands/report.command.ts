import type { Command } from 'commander';
import { writeFile } from 'fs/promises';
import { buildSummary, parsePeriod, rankUnits, renderSummaryMarkdown, renderSummaryXlsx, REPORT_CHANNELS, ReportChannel } from '@hub/reporting';
import { rateSetOf } from '@hub/config';
import { action, CliError, config, printJson, withUnitOfWork } from '../cli-support';

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('statistics and the work-summary report');
  report
    .command('summary')
    .description('the work-summary figures (受理, 办理, 三率, 同比, 热点) of a period, as json, md or xlsx')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (Beijing time), inclusive')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (Beijing time), inclusive')
    .option('--channel <channel>', `only one channel: ${REPORT_CHANNELS.join('|')}`)
    .option('--source <name>', 'only one line or mailbox (e.g. 市长信箱)')
    .option('--format <format>', 'json | md | xlsx', 'json')
    .option('--out <file>', 'write to a file instead of stdout (required for xlsx)')
    .action(
      action(async (opts: { from: string; to: string; channel?: string; source?: string; format: string; out?: string }) => {
        if (!['json', 'md', 'xlsx'].includes(opts.format)) throw new CliError(`--format must be json, md or xlsx, got ${opts.format}`);
        if (opts.channel && !REPORT_CHANNELS.includes(opts.channel as ReportChannel))
          throw new CliError(`--channel must be one of ${REPORT_CHANNELS.join(', ')}`);
        if (opts.format === 'xlsx' && !opts.out) throw new CliError('--format xlsx needs --out FILE');
        // A mistyped date is said as such, before any database is opened.
        parsePeriod(opts.from, opts.to);
        const cfg = config();
        await withUnitOfWork(cfg, async (uow) => {
          const { report: r, breakdowns } = await buildSummary(uow, {
            from: opts.from,
            to: opts.to,
            channel: (opts.channel as ReportChannel) ?? null,
            source: opts.source ?? null,
            rateSet: rateSetOf(cfg.rates),
          });
          if (opts.format === 'xlsx') {
            await writeFile(opts.out as string, await renderSummaryXlsx(r, breakdowns));
            process.stderr.write(`written ${opts.out}\n`);
            return;
          }
          const text = opts.format === 'md' ? renderSummaryMarkdown(r) : `${JSON.stringify(r)}\n`;
          if (opts.out) await writeFile(opts.out, text, 'utf8');
          else if (opts.format === 'json') printJson(r);
          else process.stdout.write(text);
        });
      }),
    );
  report
    .command('ranking')
    .description('考核排名: units ranked by the weighted score of the rates in rates.yaml, for a month or a quarter, as json')
    .requiredOption('--period <period>', 'a month (2025-03) or a quarter (2025-Q1)')
    .action(
      action(async (opts: { period: string }) => {
        const cfg = config();
        await withUnitOfWork(cfg, async (uow) =>
          printJson(await rankUnits(uow, { period: opts.period, rateSet: rateSetOf(cfg.rates), ticketPrefix: cfg.env.ticketPrefix })),
        );
      }),
    );
}
