/**
 * A real Dovecot IMAP server per test file: own config, passwd-file, maildirs, base_dir and
 * state_dir in a temp dir, so several can run at once. Needs the `dovecot-imapd` package
 * (Debian/Ubuntu); Dovecot 2.3 syntax. Mail is stored as `nobody:nogroup` so it works when the
 * tests run as root (Dovecot refuses to access mail as root).
 */
import { type ChildProcess, execFile, spawn } from 'child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'fs';
import { createServer, Socket } from 'net';
import { tmpdir, userInfo } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { ImapFlow } from 'imapflow';

const run = promisify(execFile);

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotServer {
  host: string;
  port: number;
  dir: string;
  /** imapflow options for a user, ready for `new ImapFlow(...)`. */
  imapOptions(user: string): ConstructorParameters<typeof ImapFlow>[0];
  /** APPENDs a raw message over IMAP; returns its UID. */
  append(user: string, folder: string, raw: Buffer | string, flags?: string[]): Promise<{ uid: number; uidValidity: number }>;
  /** Sets a folder's UIDVALIDITY (doveadm mailbox update); UIDs stay. */
  setUidValidity(user: string, folder: string, value: number): Promise<void>;
  /**
   * Simulates a server that lost its UID state: the folder's uidlist and indexes are removed, so
   * Dovecot issues a new UIDVALIDITY and renumbers the same messages. Returns the new UIDVALIDITY.
   */
  resetUidValidity(user: string, folder: string): Promise<number>;
  status(user: string, folder: string): Promise<{ messages: number; uidNext: number; uidValidity: number }>;
  /** Ends every IMAP session of a user (like a server restart would). */
  kick(user: string): Promise<void>;
  stop(): Promise<void>;
}

export async function dovecotVersion(): Promise<string> {
  try {
    const { stdout } = await run('dovecot', ['--version']);
    return stdout.trim();
  } catch {
    throw new Error('dovecot is not installed: run `apt-get install -y dovecot-imapd` (the integration tests need a real IMAP server)');
  }
}

export async function startDovecot(opts: { users: DovecotUser[] }): Promise<DovecotServer> {
  const version = await dovecotVersion();
  const v24 = /^2\.(?:[4-9]|\d{2})/.test(version);
  const dir = mkdtempSync(join(tmpdir(), 'hub-dovecot-'));
  const mailRoot = join(dir, 'mail');
  chmodSync(dir, 0o755); // mkdtemp makes it 0700; the mail user must reach the maildirs
  for (const d of ['run', 'state', 'mail']) mkdirSync(join(dir, d));
  const asRoot = userInfo().uid === 0;
  const mailOwner = asRoot ? { uid: 65534, gid: 65534, user: 'nobody', group: 'nogroup' } : null;
  if (mailOwner) chownSync(mailRoot, mailOwner.uid, mailOwner.gid);

  const passwd = join(dir, 'passwd');
  writeFileSync(passwd, opts.users.map((u) => `${u.user}:{PLAIN}${u.password}::::::\n`).join(''), { mode: 0o644 });
  const port = await freePort();
  const conf = join(dir, 'dovecot.conf');
  const name = `hubtest-${port}`;
  writeFileSync(
    conf,
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `instance_name = ${name}`,
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = no',
      v24 ? 'auth_allow_cleartext = yes' : 'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      'auth_failure_delay = 0',
      `log_path = ${dir}/dovecot.log`,
      `mail_location = maildir:${mailRoot}/%u`,
      ...(mailOwner
        ? [`mail_uid = ${mailOwner.user}`, `mail_gid = ${mailOwner.group}`, 'first_valid_uid = 1']
        : [`mail_uid = ${userInfo().uid}`, `mail_gid = ${userInfo().gid}`, `first_valid_uid = ${userInfo().uid}`]),
      'mail_fsync = never',
      'passdb {',
      '  driver = passwd-file',
      `  args = scheme=PLAIN username_format=%u ${passwd}`,
      '}',
      'userdb {',
      '  driver = static',
      `  args = home=${mailRoot}/%u`,
      '}',
      'service imap-login {',
      '  inet_listener imap {',
      '    address = 127.0.0.1',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      '',
    ].join('\n'),
  );

  const child: ChildProcess = spawn('dovecot', ['-c', conf, '-F'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await waitForPort(port, 10_000, () => (exited ? `dovecot exited: ${output.trim()}` : null));
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }

  const host = '127.0.0.1';
  const passwords = new Map(opts.users.map((u) => [u.user, u.password]));
  const imapOptions = (user: string): ConstructorParameters<typeof ImapFlow>[0] => ({
    host,
    port,
    secure: false,
    auth: { user, pass: passwords.get(user) ?? '' },
    logger: false,
  });
  const doveadm = async (...args: string[]) => (await run('doveadm', ['-c', conf, ...args])).stdout;
  const status = async (user: string, folder: string) => {
    const out = await doveadm('mailbox', 'status', '-u', user, 'messages uidnext uidvalidity', folder);
    const num = (k: string) => Number(new RegExp(`${k}=(\\d+)`).exec(out)?.[1] ?? NaN);
    return { messages: num('messages'), uidNext: num('uidnext'), uidValidity: num('uidvalidity') };
  };

  return {
    host,
    port,
    dir,
    imapOptions,
    async append(user, folder, raw, flags) {
      const client = new ImapFlow(imapOptions(user));
      await client.connect();
      try {
        if (folder !== 'INBOX') {
          const list = await client.list();
          if (!list.some((m) => m.path === folder)) await client.mailboxCreate(folder);
        }
        const res = await client.append(folder, raw, flags);
        if (!res) throw new Error(`APPEND to ${user}/${folder} returned nothing`);
        return { uid: Number(res.uid), uidValidity: Number(res.uidValidity) };
      } finally {
        await client.logout().catch(() => undefined);
      }
    },
    async setUidValidity(user, folder, value) {
      await doveadm('mailbox', 'update', '-u', user, '--uid-validity', String(value), folder);
    },
    async resetUidValidity(user, folder) {
      const before = (await status(user, folder)).uidValidity;
      await doveadm('kick', user).catch(() => undefined);
      const path = (await doveadm('mailbox', 'path', '-u', user, folder)).trim();
      for (const f of readdirSync(path)) {
        if (f === 'dovecot-uidlist' || f.startsWith('dovecot.index')) unlinkSync(join(path, f));
      }
      // Dovecot hands out the next value of its counter; make sure it differs from the old one.
      let after = (await status(user, folder)).uidValidity;
      if (after === before) {
        await doveadm('mailbox', 'update', '-u', user, '--uid-validity', String(before + 1), folder);
        after = before + 1;
      }
      return after;
    },
    status,
    async kick(user) {
      await doveadm('kick', user).catch(() => undefined);
    },
    async stop() {
      if (!exited) {
        const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await done;
        clearTimeout(timer);
      }
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number, failed: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const problem = failed();
    if (problem) throw new Error(problem);
    const ok = await new Promise<boolean>((resolve) => {
      const s = new Socket();
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('* OK'));
      });
      s.once('error', () => resolve(false));
      s.connect(port, '127.0.0.1');
      setTimeout(() => {
        s.destroy();
        resolve(false);
      }, 1000);
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not answer on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
