import { cpSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { plainToInstance } from 'class-transformer';
import { loadConfig, PoliciesFile } from '@hub/config';
import { DeadlinePolicies, PolicyContext } from './deadline-policies';
import { loadDeadlinePolicies } from './load-deadline-policies';
import { uncoveredYearWarning, WorkingCalendar } from './working-calendar';

const shipped = resolve(__dirname, '../../../config');
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const policies = loadDeadlinePolicies(loadConfig({ HUB_CONFIG_DIR: shipped }));

const normal: PolicyContext = { channel: 'hotline', urgency: 'normal', category: '城市管理/占道经营' };
const urgent: PolicyContext = { ...normal, urgency: 'urgent', category: '城乡建设/燃气安全' };
const consultation: PolicyContext = { channel: 'web', urgency: 'normal', category: '咨询/政策咨询' };
const letter: PolicyContext = { channel: 'mailbox', urgency: 'normal', category: '国土资源/宅基地', source: '省长信箱', petition: true };

function configDirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hubdl-'));
  cpSync(shipped, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('deadline policies (config/policies.yaml)', () => {
  const monday = sh('2026-03-02 09:00');

  it('gives a normal ticket the defaults of DOMAIN.md', () => {
    expect(policies.due('dispatch', normal, monday)?.dueAt).toEqual(sh('2026-03-02 11:00'));
    expect(policies.due('acknowledge', normal, monday)?.dueAt).toEqual(sh('2026-03-04 00:00'));
    expect(policies.due('first_contact', normal, monday)?.dueAt).toEqual(sh('2026-03-05 00:00'));
    expect(policies.due('return_window', normal, monday)?.dueAt).toEqual(sh('2026-03-05 00:00'));
    expect(policies.due('reply', normal, monday)).toMatchObject({ dueAt: sh('2026-03-10 00:00'), basis: 'working', rule: '一般件', warnings: [] });
    expect(policies.due('follow_up', normal, monday)?.dueAt).toEqual(sh('2026-03-04 00:00'));
  });

  it('gives an urgent ticket hours that run through the night and the weekend', () => {
    const friday = sh('2026-03-06 22:00');
    expect(policies.due('dispatch', urgent, friday)?.dueAt).toEqual(sh('2026-03-06 22:30'));
    expect(policies.due('acknowledge', urgent, friday)?.dueAt).toEqual(sh('2026-03-06 23:00'));
    expect(policies.due('first_contact', urgent, friday)?.dueAt).toEqual(sh('2026-03-07 00:00'));
    expect(policies.due('return_window', urgent, friday)?.dueAt).toEqual(sh('2026-03-06 23:00'));
    expect(policies.due('reply', urgent, friday)).toMatchObject({ dueAt: sh('2026-03-07 22:00'), basis: 'calendar', rule: '紧急件' });
    expect(policies.due('follow_up', urgent, friday)?.dueAt).toEqual(sh('2026-03-10 00:00'));
    expect(policies.extensionLimit(urgent).count).toBe(0);
  });

  it('gives a consultation 2 working days to reply and the normal limits otherwise', () => {
    expect(policies.due('reply', consultation, monday)).toMatchObject({ dueAt: sh('2026-03-05 00:00'), rule: '咨询件' });
    expect(policies.due('acknowledge', consultation, monday)?.rule).toBe('一般件');
  });

  it('lets urgency win over the consultation rule of equal specificity listed before it', () => {
    expect(policies.due('reply', { ...consultation, urgency: 'urgent' }, monday)).toMatchObject({ dueAt: sh('2026-03-03 09:00'), rule: '紧急件' });
  });

  it('gives a letter under 信访工作条例 15 days to dispatch, 60 days to reply and 5 working days to return', () => {
    const received = sh('2026-09-16 10:00');
    // 9/16 + 15 days is 10/1, in the National Day holiday: the limit ends 10/8.
    expect(policies.due('dispatch', letter, received)).toMatchObject({ dueAt: sh('2026-10-09 00:00'), rule: '信访件', basis: 'calendar' });
    expect(policies.due('first_contact', letter, received)?.dueAt).toEqual(sh('2026-10-09 00:00'));
    // 5 working days: 9/17, 9/18, 9/20 (a 调休 Sunday), 9/21, 9/22.
    expect(policies.due('return_window', letter, received)?.dueAt).toEqual(sh('2026-09-23 00:00'));
    // 3/2 + 60 days is 5/1, in the Labour Day holiday (5/1–5/5): the limit ends 5/6.
    expect(policies.due('reply', letter, sh('2026-03-02 10:00'))).toMatchObject({ dueAt: sh('2026-05-07 00:00'), warnings: [] });
    expect(policies.due('reply', letter, sh('2026-03-12 10:00'))?.dueAt).toEqual(sh('2026-05-12 00:00'));
    expect(policies.extensionLimit(letter)).toEqual({ count: 1, maxDays: 30, unit: 'days' });
  });

  it('carries the uncovered-year warning to the caller', () => {
    const r = policies.due('reply', letter, sh('2026-11-29 10:00'));
    expect(r?.dueAt).toEqual(sh('2027-01-29 00:00'));
    expect(r?.warnings).toEqual([uncoveredYearWarning(2027)]);
  });

  it('allows a normal ticket one extension of up to 10 working days, asked for before the deadline', () => {
    expect(policies.extensionLimit(normal)).toEqual({ count: 1, maxDays: 10, unit: 'working_days' });
    const dueAt = sh('2026-03-10 00:00');
    expect(policies.extensionRefusal(normal, { days: 10, granted: 0, requestedAt: sh('2026-03-09 10:00'), dueAt })).toBeNull();
    expect(policies.extensionRefusal(normal, { days: 11, granted: 0, requestedAt: sh('2026-03-09 10:00'), dueAt })).toMatch(/最长10个工作日/);
    expect(policies.extensionRefusal(normal, { days: 3, granted: 1, requestedAt: sh('2026-03-09 10:00'), dueAt })).toMatch(/最多可延期1次/);
    expect(policies.extensionRefusal(normal, { days: 3, granted: 0, requestedAt: sh('2026-03-10 08:00'), dueAt })).toMatch(/届满前/);
    expect(policies.extensionRefusal(urgent, { days: 1, granted: 0, requestedAt: monday, dueAt })).toMatch(/不可延期/);
    expect(policies.extend(dueAt, 10, normal).dueAt).toEqual(sh('2026-03-24 00:00'));
    // A letter: 5/1 + 30 days is Sunday 5/31, so the limit ends Monday 6/1.
    expect(policies.extend(sh('2026-05-02 00:00'), 30, letter).dueAt).toEqual(sh('2026-06-02 00:00'));
  });

  it('moves the due time on resume by the paused working time', () => {
    const r = policies.resume({ dueAt: sh('2026-03-10 00:00'), basis: 'working' }, sh('2026-03-06 18:00'), sh('2026-03-09 09:00'));
    expect(r).toMatchObject({ dueAt: sh('2026-03-10 15:00'), pausedMs: 15 * 3_600_000 });
  });

  describe('督办 of an overdue ticket', () => {
    const escalation = (p: DeadlinePolicies, ctx: PolicyContext, stage: 'reply' | 'acknowledge' | 'dispatch', start: Date) => {
      const planned = p.due(stage, ctx, start)!;
      const ladder = p.toLadder({ id: 1, stage, startAt: start, dueAt: planned.dueAt, pausedMs: 0, lastLevelSent: null, basis: planned.storedBasis });
      return p.ladder.schedule(ladder).find((l) => l.level === 'escalation')?.at;
    };
    // Friday 2/13, the last working day but one before the Spring Festival holiday (2/15–2/23; 2/14 a 调休 Saturday).
    const eve = sh('2026-02-13 17:00');

    it('escalates an urgent 24-hour reply to supervisors 2 hours after it is overdue, not after the holiday', () => {
      expect(policies.due('reply', urgent, eve)).toMatchObject({ dueAt: sh('2026-02-14 17:00'), storedBasis: 'hours' });
      expect(escalation(policies, urgent, 'reply', eve)).toEqual(sh('2026-02-14 19:00'));
      // 签收 within 1 hour: escalated at 20:00 the same evening.
      expect(escalation(policies, urgent, 'acknowledge', eve)).toEqual(sh('2026-02-13 20:00'));
    });

    it('keeps one working day for limits counted in days', () => {
      // 5 working days: 2/14 (调休), 2/24–2/27; escalated a working day later, Saturday 2/28 being a 调休 working day.
      expect(escalation(policies, normal, 'reply', eve)).toEqual(sh('2026-03-01 00:00'));
      expect(escalation(policies, letter, 'reply', eve)).toEqual(sh('2026-04-16 00:00'));
    });

    it('reads a policies.yaml without escalateAfterHourly (2 hours) and never escalates later than escalateAfter', () => {
      const older = (reminders: string) =>
        loadDeadlinePolicies(
          loadConfig({
            HUB_CONFIG_DIR: configDirWith({
              'policies.yaml': [
                'rules:',
                '  - name: 一般件',
                '    stages: { dispatch: 2h, acknowledge: 1wd, first_contact: 2wd, return_window: 2wd, reply: 5wd, follow_up: 1wd }',
                '    extension: { maxCount: 1, maxLength: 10wd }',
                '  - name: 紧急件',
                '    match: { urgency: urgent }',
                '    stages: { reply: 24h }',
                `reminders: ${reminders}`,
              ].join('\n'),
            }),
          }),
        );
      expect(escalation(older('{ escalateAfter: 1wd }'), urgent, 'reply', eve)).toEqual(sh('2026-02-14 19:00'));
      expect(escalation(older('{ overdueAfter: 0m, escalateAfter: 30m }'), urgent, 'reply', eve)).toEqual(sh('2026-02-14 17:30'));
      expect(escalation(older('{ escalateAfter: 1wd, escalateAfterHourly: 6h }'), urgent, 'reply', eve)).toEqual(sh('2026-02-14 23:00'));
      expect(() => older('{ escalateAfterHourly: soon }')).toThrow(/reminders\.escalateAfterHourly: must be a duration/);
    });
  });

  it('prefers the more specific rule: two match keys over one, 一级/二级 over 一级', () => {
    const file = plainToInstance(
      PoliciesFile,
      {
        rules: [
          {
            name: 'base',
            stages: { dispatch: '2h', acknowledge: '1wd', first_contact: '2wd', return_window: '2wd', reply: '5wd', follow_up: '1wd' },
            extension: { maxCount: 1, maxLength: '10wd' },
          },
          { name: 'two-keys', match: { channel: 'mailbox', category: '城市管理' }, stages: { reply: '7wd' } },
          { name: 'second-level', match: { category: '城市管理/违章建筑' }, stages: { reply: '15wd', follow_up: 'none' } },
          { name: 'first-level', match: { category: ['城市管理'] }, stages: { reply: '3wd' } },
        ],
      },
      { exposeDefaultValues: true },
    );
    const p = new DeadlinePolicies(file, new WorkingCalendar());
    expect(p.resolve({ channel: 'hotline', urgency: 'normal', category: '城市管理/占道经营' }).stages.reply.rule).toBe('first-level');
    expect(p.resolve({ channel: 'hotline', urgency: 'normal', category: '城市管理/违章建筑' }).stages.reply.rule).toBe('second-level');
    expect(p.resolve({ channel: 'mailbox', urgency: 'normal', category: '城市管理/违章建筑' }).stages.reply.rule).toBe('two-keys');
    expect(p.resolve({ channel: 'hotline', urgency: 'normal', category: '城市管理管理/x' }).stages.reply.rule).toBe('base');
    expect(p.due('follow_up', { channel: 'hotline', urgency: 'normal', category: '城市管理/违章建筑' }, monday)).toBeNull();
  });
});

describe('policies.yaml and holidays.yaml validation', () => {
  it('ships policies that load and match the DOMAIN.md reminder defaults', () => {
    expect(policies.reminders).toMatchObject({ yellow: 0.5, red: 0.8, levels: ['yellow', 'red', 'due', 'overdue', 'escalation'], digestAt: '08:30' });
    expect(policies.counting).toEqual({ dayEnd: '24:00', rollToWorkday: true });
  });

  it('names the setting of a wrong duration, a red before yellow and a misspelt key', () => {
    const dir = configDirWith({
      'policies.yaml': [
        'rules:',
        '  - name: base',
        '    stages: { dispatch: 2h, acknowledge: 1wd, first_contact: 2wd, return_window: 2wd, reply: 5 days, follow_up: 1wd }',
        '    extension: { maxCount: 1, maxLength: 10wd }',
        '  - name: urgent',
        '    match: { urgency: critical, chanel: hotline }',
        'reminders: { yellow: 0.8, red: 0.5 }',
      ].join('\n'),
    });
    let message = '';
    try {
      loadConfig({ HUB_CONFIG_DIR: dir });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/policies\.yaml: rules\[0\]\.stages\.reply: must be a duration such as 30m, 2h, 5wd/);
    expect(message).toMatch(/policies\.yaml: rules\[1\]\.match\.urgency: must be urgent or normal/);
    expect(message).toMatch(/policies\.yaml: rules\[1\]\.match\.chanel/);
    expect(message).toMatch(/policies\.yaml: reminders\.red: must be larger than reminders\.yellow/);
  });

  it('requires a complete default rule first', () => {
    const dir = configDirWith({ 'policies.yaml': 'rules:\n  - name: urgent\n    match: { urgency: urgent }\n    stages: { reply: 24h }\n' });
    expect(() => loadConfig({ HUB_CONFIG_DIR: dir })).toThrow(
      /policies\.yaml: rules: the first rule \(urgent\) must have no match.*missing: dispatch, acknowledge, first_contact, return_window, follow_up/s,
    );
  });

  it('refuses an impossible holiday date and a year that is not a number', () => {
    const dir = configDirWith({ 'holidays.yaml': 'coveredYears: [twenty27]\nholidays: ["2027-02-30", "2027-02-06..2027-02-12"]\n' });
    let message = '';
    try {
      loadConfig({ HUB_CONFIG_DIR: dir });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/holidays\.yaml: holidays: every entry must be a date YYYY-MM-DD.*wrong: "2027-02-30"/);
    expect(message).toMatch(/holidays\.yaml: coveredYears: every entry must be a year such as 2027/);
  });

  it('builds the calendar from holidays.yaml so a covered 2027 raises no warning', () => {
    const dir = configDirWith({ 'holidays.yaml': 'coveredYears: [2027]\nholidays: ["2027-01-01"]\nworkdays: []\n' });
    const p = loadDeadlinePolicies(loadConfig({ HUB_CONFIG_DIR: dir }));
    const r = p.due('reply', normal, sh('2026-12-30 10:00'));
    // 12/31, (1/1 off), 1/4, 1/5, 1/6, 1/7.
    expect(r).toMatchObject({ dueAt: sh('2027-01-08 00:00'), warnings: [] });
  });
});
