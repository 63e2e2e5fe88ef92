import { Command } from 'commander';
import { action, CliError, config, printJson, withDatabase } from '../cli-support';
import { cliIntake } from './intake-wiring';
import { withQueue } from './mailbox.command';

export function registerUpstreamCommands(program: Command): void {
  const upstream = program.command('upstream').description('upstream platforms (省12345平台, 互联网+督查…) work orders are pulled from');

  upstream
    .command('pull [code]')
    .description('pull the new work orders of one or all upstreams in upstreams.yaml once')
    .option('--json', 'print one JSON document: [{"upstream","fetched","created","duplicates","refused","error"}]')
    .option('--no-queue', "do not queue the new tickets for classification (the worker's triage sweep picks them up)")
    .action(
      action(async (code: string | undefined, opts: { json?: boolean; queue: boolean }) => {
        const cfg = config();
        if (!cfg.upstreams.upstreams.length) throw new CliError(`no upstreams configured — add them to ${cfg.env.configDir}/upstreams.yaml`);
        const results = await withDatabase(cfg, (ds) =>
          withQueue(cfg, opts.queue, (jobs) => cliIntake(ds, cfg, jobs).pullUpstream.execute({ upstream: code })),
        );
        if (opts.json) printJson(results);
        else
          for (const r of results)
            console.log(
              `${r.upstream}: ${r.fetched} fetched, ${r.created} new tickets, ${r.duplicates} already taken in, ${r.refused.length} refused${r.error ? ` — stopped: ${r.error}` : ''}`,
            );
        const failed = results.filter((r) => r.error);
        if (failed.length === results.length) throw new CliError(failed.map((r) => `${r.upstream}: ${r.error}`).join('; '));
      }),
    );
}
