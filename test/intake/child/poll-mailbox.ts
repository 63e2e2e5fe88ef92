/**
 * One mailbox poll in a process of its own, for the kill test. Settings come in HUB_CHILD_POLL
 * (JSON: database URL, data dir, mailbox); each commit is reported on stdout as `committed <uid>`.
 */
import { loadConfig, MailboxConfig, parseDatabaseUrl } from '@hub/config';
import { openDatabase } from '@hub/database';
import { ImapflowConnector } from '../../../libs/intake/src/mailbox';
import { mailboxSync } from '../../support/intake';

async function main(): Promise<void> {
  const settings = JSON.parse(process.env.HUB_CHILD_POLL ?? '{}') as {
    databaseUrl: string;
    dataDir: string;
    mailbox: Partial<MailboxConfig>;
    chunkSize: number;
  };
  const config = loadConfig({ ...process.env, HUB_DATA_DIR: settings.dataDir });
  const mailbox = Object.assign(new MailboxConfig(), settings.mailbox);
  config.mailboxes.mailboxes = [mailbox];
  const ds = await openDatabase(parseDatabaseUrl(settings.databaseUrl, []), { migrate: false });
  const sync = mailboxSync(ds, config, null, new ImapflowConnector(), undefined, {
    chunkSize: settings.chunkSize,
    afterCommit: (info) => void process.stdout.write(`committed ${info.lastUid}\n`),
  });
  const result = await sync.poll(mailbox.name);
  process.stdout.write(`done ${JSON.stringify(result)}\n`);
  await ds.destroy();
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`${e.stack ?? e.message}\n`);
    process.exit(1);
  },
);
