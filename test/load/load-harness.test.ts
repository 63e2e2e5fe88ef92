/**
 * The load harness's own logic (npm run load itself is too long for the suite): the config it
 * gives the hub's processes loads, its letter plan counts what it appends, and its verdicts fail
 * on a lost, doubled or missing item or mail.
 */
import { rmSync } from 'fs';
import { loadConfig } from '@hub/config';
import { hubConfigDir, MAILBOX_NAME, MAILBOX_PASSWORD, planLetters } from './letters';
import { mailProblems, type MailCounts, shortenUrgentLimits } from './mail-check';
import { type Latency, type TicketCounts, ticketProblems } from './ticket-check';

describe('load harness', () => {
  it("gives the hub a config with the mailbox on the harness's Dovecot and a 2-minute urgent 签收 limit", () => {
    const dir = hubConfigDir('127.0.0.1', 10143);
    try {
      shortenUrgentLimits(dir);
      const cfg = loadConfig({ HUB_CONFIG_DIR: dir, HUB_MAILBOX_LOAD_PASSWORD: MAILBOX_PASSWORD });
      expect(cfg.mailboxes.mailboxes).toEqual([
        expect.objectContaining({ name: MAILBOX_NAME, host: '127.0.0.1', port: 10143, secure: false, password: MAILBOX_PASSWORD, idle: true }),
      ]);
      const rules = cfg.policies.rules;
      expect(rules[rules.length - 1]).toMatchObject({ match: { urgency: ['urgent'] }, stages: { acknowledge: '2m' } });
      expect(cfg.policies.reminders).toMatchObject({ overdueAfter: '1m', escalateAfterHourly: '3m' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('plans letters whose repeats reuse a Message-ID and whose malformed ones are counted apart', () => {
    const plan = planLetters(400, (n) => `第${n}件事`, 'spec');
    const ids = plan.appends.map((a) => a.messageId);
    expect(plan.appends).toHaveLength(400);
    expect(plan.repeats).toBeGreaterThan(0);
    expect(plan.malformed.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(400 - plan.repeats);
    expect(plan.valid.length + plan.malformed.length).toBe(400 - plan.repeats);
    for (const id of plan.malformed) expect(plan.appends.find((a) => a.messageId === id)!.raw).toMatch(/Content-Type: multipart\/mixed\r\n\r\n/);
  });

  const tickets = (over: Partial<TicketCounts['bySource'][string]> = {}): TicketCounts => ({
    total: 10,
    unclassified: 0,
    bySource: { hotline: { expected: 10, once: 10, lost: 0, doubled: 0, unexpected: 0, ...over } },
    malformedLetters: { expected: 1, quarantinedOnce: 1, ticketed: 0 },
  });
  const fast: Latency = { dispatched: 10, p50: 100, p95: 900, p99: 1200, overTime: [], byChannel: {}, hotlineRowsFromUpload: 'n=0' };

  it('fails the run on a lost or doubled ticket, a slow p95 or a process that died', () => {
    expect(ticketProblems(tickets(), fast, [])).toEqual([]);
    expect(ticketProblems(tickets({ once: 9, lost: 1 }), fast, [])).toEqual(['hotline: 1 lost']);
    expect(ticketProblems(tickets({ once: 9, doubled: 1 }), fast, [])).toEqual(['hotline: 1 doubled']);
    expect(ticketProblems(tickets(), { ...fast, p95: 5000 }, [])).toEqual(['dispatch latency p95 5000 ms ≥ 5000 ms']);
    expect(ticketProblems(tickets(), fast, ['worker2 (1)'])).toEqual(['process worker2 (1) ended by itself']);
  });

  it('fails the run on a mail missing, doubled or unknown, or a due limit without its reminder', () => {
    const mail = (over: Partial<MailCounts['byKind'][string]> = {}, rest: Partial<MailCounts> = {}): MailCounts => ({
      byKind: { reminder: { expected: 5, once: 5, missing: 0, doubled: 0, pending: 0, failed: 0, ...over } },
      unknown: 0,
      reminders: { yellow: 5 },
      ackDue: { expected: 2, reminded: 2 },
      ...rest,
    });
    expect(mailProblems(mail())).toEqual([]);
    expect(mailProblems(mail({ once: 4, missing: 1 }))).toEqual(['1 reminder mail(s) recorded as sent never arrived']);
    expect(mailProblems(mail({ once: 4, doubled: 1 }))).toEqual(['1 reminder mail(s) arrived more than once']);
    expect(mailProblems(mail({}, { unknown: 2 }))).toEqual(['2 mail(s) arrived that the outbox does not know']);
    expect(mailProblems(mail({}, { ackDue: { expected: 3, reminded: 2 } }))).toEqual(['1 urgent 签收 limit(s) past due without their reminder']);
  });
});
