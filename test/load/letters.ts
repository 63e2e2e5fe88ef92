/**
 * The load harness's letters over IMAP: its own Dovecot, a config dir whose mailboxes.yaml points
 * the hub's 市长信箱 at it, and the day's letters (Chinese texts, some appended twice with the same
 * Message-ID, a few malformed: multipart without a boundary, which the hub quarantines).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ImapFlow } from 'imapflow';
import { startDovecot, type DovecotServer } from '../support/dovecot';
import { ROOT } from './load-support';

export const MAILBOX_NAME = '市长信箱';
const USER = 'mayor';
export const MAILBOX_PASSWORD = 'mayor-load-secret';

export interface LetterPlan {
  /** Every APPEND, in order (repeats included). */
  appends: Array<{ messageId: string; raw: string }>;
  /** Message-IDs of well-formed letters (each must become exactly one ticket). */
  valid: string[];
  /** Message-IDs of malformed letters (each must be quarantined once, no ticket). */
  malformed: string[];
  repeats: number;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** `count` APPENDs: ~4% repeat the previous letter's Message-ID, ~1% are malformed. */
export function planLetters(count: number, pick: (n: number) => string, runId: string): LetterPlan {
  const plan: LetterPlan = { appends: [], valid: [], malformed: [], repeats: 0 };
  for (let i = 0; i < count; i++) {
    const last = plan.appends[plan.appends.length - 1];
    if (i % 25 === 24 && last && plan.valid.includes(last.messageId)) {
      plan.appends.push(last); // the same letter delivered twice (a forwarding rule, a resend)
      plan.repeats++;
      continue;
    }
    const messageId = `<load-${runId}-${i}@citizen.example.cn>`;
    const malformed = i % 100 === 57;
    const head = [
      `From: =?utf-8?B?${b64(`来信人${i % 400}`)}?= <citizen${i % 400}@citizen.example.cn>`,
      'To: mayor@hub.example',
      `Subject: =?utf-8?B?${b64(`关于${pick(i + 3).slice(0, 12)}的来信`)}?=`,
      `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: ${messageId}`,
      'MIME-Version: 1.0',
    ];
    const raw = malformed
      ? [...head, 'Content-Type: multipart/mixed', '', '这封信的格式已损坏', ''].join('\r\n')
      : [
          ...head,
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: base64',
          '',
          b64(`市长您好：\n${pick(i + 11)}\n恳请尽快处理。`),
          '',
        ].join('\r\n');
    plan.appends.push({ messageId, raw });
    (malformed ? plan.malformed : plan.valid).push(messageId);
  }
  return plan;
}

export interface LetterServer {
  dovecot: DovecotServer;
  /** HUB_CONFIG_DIR: the shipped config with mailboxes.yaml pointing at this Dovecot. */
  configDir: string;
  /** Environment the hub's processes need for the mailbox password. */
  env: Record<string, string>;
  append(raw: string): Promise<void>;
  stop(): Promise<void>;
}

/** A copy of the shipped config whose mailboxes.yaml points the hub's 市长信箱 at host:port (password from HUB_MAILBOX_LOAD_PASSWORD). */
export function hubConfigDir(host: string, port: number): string {
  const configDir = mkdtempSync(join(tmpdir(), 'hub-load-config-'));
  cpSync(join(ROOT, 'config'), configDir, { recursive: true });
  writeFileSync(
    join(configDir, 'mailboxes.yaml'),
    [
      'mailboxes:',
      `  - name: ${MAILBOX_NAME}`,
      `    host: ${host}`,
      `    port: ${port}`,
      '    secure: false',
      `    user: ${USER}`,
      '    password: ${HUB_MAILBOX_LOAD_PASSWORD}',
      '    folder: INBOX',
      '    after: seen',
      '    pollIntervalSeconds: 5',
      '    idle: true',
      '',
    ].join('\n'),
  );
  return configDir;
}

export async function startLetterServer(): Promise<LetterServer> {
  const dovecot = await startDovecot({ users: [{ user: USER, password: MAILBOX_PASSWORD }] });
  const configDir = hubConfigDir(dovecot.host, dovecot.port);
  let client: ImapFlow | null = null;
  const connect = async () => {
    if (client?.usable) return client;
    const c = new ImapFlow(dovecot.imapOptions(USER));
    c.on('error', () => undefined);
    await c.connect();
    client = c;
    return c;
  };
  // One APPEND at a time over one session (IMAP serialises them anyway).
  let chain: Promise<unknown> = Promise.resolve();
  const append = (raw: string) => {
    const next = chain.then(async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          const c = await connect();
          if (!(await c.append('INBOX', raw))) throw new Error('APPEND returned nothing');
          return;
        } catch (e) {
          client = null;
          if (attempt > 5) throw e;
        }
      }
    });
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    dovecot,
    configDir,
    env: { HUB_CONFIG_DIR: configDir, HUB_MAILBOX_LOAD_PASSWORD: MAILBOX_PASSWORD },
    append,
    async stop() {
      const c = client as ImapFlow | null;
      await c?.logout().catch(() => undefined);
      await dovecot.stop();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
