import { Command } from 'commander';
import { createInterface } from 'readline';
import { Writable } from 'stream';
import { CreateUserUseCase, SetUserScopeUseCase } from '@hub/auth';
import { action, CliError, config, printJson, unitOfWorkOver, withDatabase } from '../cli-support';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks on the terminal without echoing what is typed. */
function ask(question: string): Promise<string> {
  const muted = new Writable({ write: (_c, _e, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  process.stderr.write(question);
  return new Promise((resolve) =>
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    }),
  );
}

/** The password: --password-stdin, else HUB_ADMIN_PASSWORD, else typed twice at a terminal. */
async function adminPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  if (process.env.HUB_ADMIN_PASSWORD) return process.env.HUB_ADMIN_PASSWORD;
  if (!process.stdin.isTTY) throw new CliError('no password: pass --password-stdin (and pipe it in), set HUB_ADMIN_PASSWORD, or run at a terminal to type it');
  const first = await ask('新密码（至少 10 个字符，字母、数字、符号中至少两类）: ');
  if ((await ask('再输入一次: ')) !== first) throw new CliError('两次输入的密码不一致');
  return first;
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('console accounts');
  user
    .command('create-admin')
    .description(
      'create an administrator account (the first one of a production installation); the password from a prompt, --password-stdin or HUB_ADMIN_PASSWORD',
    )
    .requiredOption('--username <name>', 'login name (letters, digits, _ . -)')
    .option('--display-name <name>', 'name shown in the console', '系统管理员')
    .option('--email <address>', 'e-mail address')
    .option('--password-stdin', 'read the password from standard input (e.g. from a secret file)')
    .option('--json', 'print a JSON summary')
    .action(
      action(async (opts: { username: string; displayName: string; email?: string; passwordStdin?: boolean; json?: boolean }) => {
        const cfg = config();
        const password = await adminPassword(Boolean(opts.passwordStdin));
        // The person creating it chose the password: no forced change at the first login.
        const created = await withDatabase(cfg, (ds) =>
          new CreateUserUseCase(unitOfWorkOver(ds)).execute(
            { username: opts.username, displayName: opts.displayName, role: 'admin', password, email: opts.email },
            { mustChangePassword: false },
          ),
        );
        if (opts.json) printJson({ ...created, role: 'admin' });
        else console.log(`administrator ${created.username} created (id ${created.id}); log in to the console with it`);
      }),
    );
  user
    .command('scope')
    .description("limit an operator, supervisor or leader to a unit's sub-tree (a district sub-centre), or give the whole installation back with --whole")
    .requiredOption('--username <name>', 'login name of the account')
    .option('--unit <name>', 'a unit of units.yaml: the account sees its sub-tree (the unit and every unit below it)')
    .option('--whole', 'no limit: the whole installation')
    .option('--json', 'print a JSON summary')
    .action(
      action(async (opts: { username: string; unit?: string; whole?: boolean; json?: boolean }) => {
        if (Boolean(opts.unit) === Boolean(opts.whole)) throw new CliError('give either --unit <name> or --whole');
        const cfg = config();
        const r = await withDatabase(cfg, (ds) =>
          new SetUserScopeUseCase(unitOfWorkOver(ds)).execute({ username: opts.username, unitName: opts.unit ?? null }),
        );
        if (opts.json) printJson(r);
        else console.log(r.scopeUnit ? `${r.username}: 管辖范围 ${r.scopeUnit} 及其下级单位` : `${r.username}: 管辖范围 全部`);
      }),
    );
}
