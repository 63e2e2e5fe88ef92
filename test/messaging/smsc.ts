/**
 * A real SMPP 3.4 server for the tests, from the `smpp` package's server API: it checks the
 * bind's credentials, records every submit_sm (reassembling concatenated segments), answers with
 * message ids, and sends delivery receipts (deliver_sm with receipted_message_id) and replies
 * from phones (TD) to the bound transceiver.
 */
import type { AddressInfo } from 'net';
import * as smpp from 'smpp';

export interface Submitted {
  messageId: string;
  to: string;
  from: string;
  dataCoding: number;
  /** The segment's text (UCS-2 decoded). */
  text: string;
  /** [reference, total, sequence] when the segment carries a concatenation header. */
  concat: [number, number, number] | null;
}

export class TestSmsc {
  readonly submitted: Submitted[] = [];
  readonly binds: Array<{ systemId: string; ok: boolean }> = [];
  /** Receipts the client answered "try later" to (then offered again). */
  retriedReceipts = 0;
  autoReceipt: 'delivered' | 'undeliverable' | null = 'delivered';
  receiptDelayMs = 20;
  /** How long the SMSC takes to answer a submit_sm (a slow gateway, so a worker can be stopped mid-send). */
  submitDelayMs = 0;
  private server!: smpp.Server;
  private next = 1;
  private sessions: smpp.Session[] = [];
  private waiters: Array<() => void> = [];

  constructor(
    private readonly systemId = 'hub',
    private readonly password = 'secret12',
  ) {}

  async start(): Promise<number> {
    this.server = smpp.createServer({}, (session) => this.onSession(session));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sessions) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The texts as phones show them: concatenated segments joined by reference. */
  messages(): Array<{ to: string; text: string; parts: number }> {
    const out: Array<{ to: string; text: string; parts: number }> = [];
    const open = new Map<string, Submitted[]>();
    for (const s of this.submitted) {
      if (!s.concat) {
        out.push({ to: s.to, text: s.text, parts: 1 });
        continue;
      }
      const key = `${s.to}/${s.concat[0]}`;
      const list = [...(open.get(key) ?? []), s];
      open.set(key, list);
      if (list.length === s.concat[1]) {
        out.push({
          to: s.to,
          text: list
            .sort((a, b) => a.concat![2] - b.concat![2])
            .map((x) => x.text)
            .join(''),
          parts: list.length,
        });
        open.delete(key);
      }
    }
    return out;
  }

  async waitForSubmitted(n: number, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.submitted.length < n) {
      if (Date.now() > until) throw new Error(`SMSC got ${this.submitted.length} submit_sm, expected ${n}`);
      await new Promise<void>((r) => this.waiters.push(r) && setTimeout(r, 50));
    }
  }

  /** A phone sends a text to the hub's number (an MO message). */
  async reply(from: string, text: string): Promise<number> {
    const session = this.sessions[this.sessions.length - 1];
    return new Promise((resolve) =>
      session.deliver_sm({ source_addr: from, destination_addr: '12345', data_coding: 8, short_message: text }, (pdu) => resolve(pdu.command_status)),
    );
  }

  private onSession(session: smpp.Session): void {
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      const ok = pdu.system_id === this.systemId && pdu.password === this.password;
      this.binds.push({ systemId: pdu.system_id, ok });
      if (!ok) {
        session.send(pdu.response({ command_status: smpp.ESME_RINVPASWD }));
        session.close();
        return;
      }
      this.sessions.push(session);
      session.send(pdu.response({ system_id: 'test-smsc' }));
    });
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('close', () => (this.sessions = this.sessions.filter((s) => s !== session)));
    session.on('submit_sm', (pdu: smpp.PDU) => {
      const messageId = `m${this.next++}`;
      const sm = pdu.short_message as { message: string; udh?: Buffer[] };
      const udh = sm.udh?.find((u) => u[0] === 0x00);
      this.submitted.push({
        messageId,
        to: pdu.destination_addr,
        from: pdu.source_addr,
        dataCoding: pdu.data_coding,
        text: sm.message,
        concat: udh ? [udh[2], udh[3], udh[4]] : null,
      });
      for (const w of this.waiters.splice(0)) w();
      const answer = () => {
        session.send(pdu.response({ message_id: messageId }));
        if (this.autoReceipt && pdu.registered_delivery) setTimeout(() => this.receipt(session, messageId, this.autoReceipt!), this.receiptDelayMs);
      };
      if (this.submitDelayMs) setTimeout(answer, this.submitDelayMs);
      else answer();
    });
  }

  /** deliver_sm receipt, offered again (as SMSCs do) while the client answers "try later". */
  private receipt(session: smpp.Session, messageId: string, state: 'delivered' | 'undeliverable', tries = 0): void {
    const [stateCode, stat] = state === 'delivered' ? [2, 'DELIVRD'] : [5, 'UNDELIV'];
    session.deliver_sm(
      {
        source_addr: '',
        destination_addr: '12345',
        esm_class: 0x04,
        receipted_message_id: messageId,
        message_state: stateCode,
        short_message: `id:${messageId} sub:001 dlvrd:001 submit date:2612011000 done date:2612011000 stat:${stat} err:000 text:`,
      },
      (pdu) => {
        if (pdu.command_status !== 0 && tries < 20) {
          this.retriedReceipts++;
          setTimeout(() => this.receipt(session, messageId, state, tries + 1), 100);
        }
      },
    );
  }
}
