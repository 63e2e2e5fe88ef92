/**
 * The replayed day: 70% hotline export rows in 24 hourly files uploaded through the API, 20% web
 * requests (about 3% sent twice), 10% letters APPENDed over IMAP (see letters.ts), spread over
 * `dayMs`. Each event knows the ticket it must become (its source id), so the end can count every
 * item exactly once.
 */
import { beijing, texts } from './load-support';
import { planLetters, type LetterServer } from './letters';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a sending system keeps trying an item before it gives up and reports it. */
const GIVE_UP_MS = 10 * 60_000;

/**
 * Sends until the hub acknowledges with `ok`, as a sending system does: what was not acknowledged
 * (API restarting, database away) is sent again after `pauseMs`, and a 429 waits what its
 * Retry-After asks. Gives up after GIVE_UP_MS, with the last answer.
 */
async function sendUntilAcknowledged(label: string, ok: number, pauseMs: number, send: (attempt: number) => Promise<Response>): Promise<void> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const r = await send(attempt).catch((e: Error) => e);
    if (!(r instanceof Error) && r.status === ok) return;
    if (Date.now() - started > GIVE_UP_MS) throw new Error(`${label}: ${r instanceof Error ? r.message : `${r.status} ${await r.text()}`}`);
    const retryAfter = r instanceof Error || r.status !== 429 ? NaN : Number(r.headers.get('retry-after'));
    await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : pauseMs);
  }
}

export interface DayEvent {
  at: number;
  run: () => Promise<void>;
}

export interface DayPlan {
  events: DayEvent[];
  /** Source ids that must each become exactly one ticket, per channel (tickets.channel). */
  expected: Record<'hotline' | 'web' | 'mailbox', Set<string>>;
  /** Message-IDs of malformed letters (each quarantined once, no ticket). */
  malformedLetters: string[];
  /** When the hub acknowledged each hourly file's upload (ms since the epoch; by hour), and the file a row's 工单编号 came in. */
  uploadAcceptedAt: number[];
  fileOfRow: (externalId: string) => number | null;
  items: {
    hotlineRows: number;
    badRows: number;
    web: number;
    webRepeats: number;
    letters: number;
    letterRepeats: number;
    malformedLetters: number;
    urgent: number;
  };
}

export interface DayTargets {
  urls: string[];
  admin: string;
  operator: string;
  letters: LetterServer;
  runId: string;
}

export function planDay(items: number, dayMs: number, t: DayTargets): DayPlan {
  const hotline = Math.round(items * 0.7);
  const web = Math.round(items * 0.2);
  const letterCount = items - hotline - web;
  const pool = texts();
  const pick = (n: number) => pool[n % pool.length];
  const events: DayEvent[] = [];
  const expected: DayPlan['expected'] = { hotline: new Set(), web: new Set(), mailbox: new Set() };
  const counts = { hotlineRows: hotline, badRows: 0, web, webRepeats: 0, letters: letterCount, letterRepeats: 0, malformedLetters: 0, urgent: 0 };

  const perHour = Math.ceil(hotline / 24);
  const uploadAcceptedAt: number[] = [];
  let row = 0;
  for (let h = 0; h < 24; h++) {
    const lines = ['工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度'];
    for (let i = 0; i < perHour && row < hotline; i++, row++) {
      const bad = row % 97 === 13; // about 1% rows without their request
      const urgent = row % 20 === 0;
      if (bad) counts.badRows++;
      else {
        expected.hotline.add(`RX${row}`);
        if (urgent) counts.urgent++;
      }
      const text = bad ? '' : pick(row).replace(/[\r\n,"]/g, ' ');
      lines.push(
        `RX${row},${beijing(new Date())},1380000${String(row % 10000).padStart(4, '0')},市民${row % 500},12345,${text},青禾市某小区,${urgent ? '紧急' : '一般'}`,
      );
    }
    const csv = Buffer.from(lines.join('\n'), 'utf8');
    events.push({
      at: ((h + 1) * dayMs) / 25,
      run: async () => {
        // The export client uploads again what was not acknowledged: rows already recorded are known by their 工单编号.
        await sendUntilAcknowledged(`upload ${h}`, 202, 1000, (attempt) => {
          const form = new FormData();
          form.append('source', 'standard');
          form.append('file', new Blob([csv]), `export-${String(h).padStart(2, '0')}.csv`);
          return fetch(`${t.urls[(h + attempt) % t.urls.length]}/api/admin/imports`, {
            method: 'POST',
            headers: { authorization: `Bearer ${t.admin}` },
            body: form,
          });
        });
        uploadAcceptedAt[h] = Date.now();
      },
    });
  }

  let lastWeb = '';
  for (let i = 0; i < web; i++) {
    const repeat = i % 33 === 32 && lastWeb !== ''; // about 3% sent twice (a retry of the sending system)
    const externalId = repeat ? lastWeb : `WEB${i}`;
    if (repeat) counts.webRepeats++;
    else {
      expected.web.add(externalId);
      lastWeb = externalId;
      if (i % 25 === 0) counts.urgent++;
    }
    events.push({
      at: (i * dayMs) / web,
      run: async () => {
        const body = { source: '网上信访', externalId, text: pick(i + 7), urgency: i % 25 === 0 ? 'urgent' : undefined, name: `网民${i % 300}` };
        await sendUntilAcknowledged(`web ${externalId}`, 201, 500, (attempt) =>
          fetch(`${t.urls[(i + attempt) % t.urls.length]}/api/intake`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${t.operator}` },
            body: JSON.stringify(body),
          }),
        );
      },
    });
  }

  const letters = planLetters(letterCount, pick, t.runId);
  counts.letterRepeats = letters.repeats;
  counts.malformedLetters = letters.malformed.length;
  letters.valid.forEach((id) => expected.mailbox.add(id));
  letters.appends.forEach((a, i) => events.push({ at: (i * dayMs) / Math.max(1, letters.appends.length), run: () => t.letters.append(a.raw) }));

  events.sort((a, b) => a.at - b.at);
  const fileOfRow = (externalId: string) => (/^RX\d+$/.test(externalId) ? Math.floor(Number(externalId.slice(2)) / perHour) : null);
  return { events, expected, malformedLetters: letters.malformed, uploadAcceptedAt, fileOfRow, items: counts };
}
