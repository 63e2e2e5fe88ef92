import * as smpp from 'smpp';
import type { SmsSettings } from '@hub/config';
import type { SmsDeliveryState } from '@hub/database';
import { concatHeader, splitSms } from './sms-segments';
import { SmsInboundListener, SmsMessage, SmsRejectedError, SmsSendResult, SmsTransport } from './sms-transport';

type SmppSettings = Extract<SmsSettings, { kind: 'smpp' }>;

const UCS2 = 0x08;
/** esm_class bits 2–5: 0x04 is an SMSC delivery receipt (SMPP 3.4 §5.2.12). */
const RECEIPT_TYPE = 0x3c;
const SMSC_RECEIPT = 0x04;
/** SMPP 3.4 §5.2.28 message_state. */
const MESSAGE_STATES: Record<number, SmsDeliveryState> = { 2: 'delivered', 3: 'expired', 4: 'deleted', 5: 'undeliverable', 7: 'unknown', 8: 'rejected' };
/** The `stat:` word of the receipt text (SMPP 3.4 Appendix B), for SMSCs that send no message_state. */
const STAT_WORDS: Record<string, SmsDeliveryState> = {
  DELIVRD: 'delivered',
  EXPIRED: 'expired',
  DELETED: 'deleted',
  UNDELIV: 'undeliverable',
  UNKNOWN: 'unknown',
  REJECTD: 'rejected',
};
/** Statuses that say the message itself is wrong, not the moment: retrying cannot help. */
const PERMANENT = new Set([0x0a /* RINVSRCADR */, 0x0b /* RINVDSTADR */, 0x0c /* RINVMSGID */, 0x45 /* RSUBMITFAIL */, 0x62 /* RINVEXPIRY */]);

export interface SmppTransportOptions {
  /** How long one bind or submit_sm may wait for its answer (well under the sender's lease). */
  timeoutMs?: number;
  log?: (msg: string) => void;
}

/**
 * SMPP 3.4 over one bound transceiver session (bind_transceiver): submit_sm out, deliver_sm in
 * (delivery receipts and citizens' replies on the same session). Long texts go as UCS-2
 * segments with a concatenation header. The session is opened on first use and again after it
 * drops; each send waits for every segment's submit_sm_resp and returns their message ids.
 */
export class SmppTransport implements SmsTransport {
  readonly name = 'smpp';
  private session: smpp.Session | null = null;
  private binding: Promise<smpp.Session> | null = null;
  private listener: SmsInboundListener | null = null;
  private ref = Math.floor(Math.random() * 256);
  private closed = false;
  private readonly timeoutMs: number;
  private readonly log: (msg: string) => void;

  constructor(
    private readonly s: SmppSettings,
    opts: SmppTransportOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.log = opts.log ?? (() => undefined);
  }

  onInbound(listener: SmsInboundListener): void {
    this.listener = listener;
  }

  /** Binds now (the worker starts listening for receipts and replies without waiting for a first send). */
  async connect(): Promise<void> {
    await this.bound();
  }

  async send(m: SmsMessage): Promise<SmsSendResult> {
    const session = await this.bound();
    const text = this.s.sign && !m.text.startsWith(`【${this.s.sign}】`) ? `【${this.s.sign}】${m.text}` : m.text;
    const parts = splitSms(text);
    const ref = (this.ref = (this.ref + 1) & 0xff);
    const providerIds: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      const pdu = await this.request(session, 'submit_sm', {
        source_addr_ton: 0,
        source_addr_npi: 0,
        source_addr: this.s.source,
        dest_addr_ton: 0,
        dest_addr_npi: 1,
        destination_addr: m.phone,
        registered_delivery: 1,
        data_coding: UCS2,
        short_message: parts.length > 1 ? { udh: concatHeader(ref, parts.length, i + 1), message: parts[i] } : parts[i],
      });
      if (pdu.command_status !== 0) {
        const what = `SMSC refused segment ${i + 1}/${parts.length} for ${m.phone}: ${statusName(pdu.command_status)}`;
        throw PERMANENT.has(pdu.command_status) ? new SmsRejectedError(what) : new Error(what);
      }
      providerIds.push(String(pdu.message_id));
    }
    return { providerIds };
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = null;
    this.binding = null;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => session.destroy(() => resolve()), 2000);
      const ok = session.unbind({}, () => {
        clearTimeout(timer);
        session.close(() => resolve());
      });
      if (!ok) {
        clearTimeout(timer);
        session.destroy(() => resolve());
      }
    });
  }

  private bound(): Promise<smpp.Session> {
    if (this.closed) return Promise.reject(new Error('SMPP transport is closed'));
    if (this.binding) return this.binding;
    const binding = new Promise<smpp.Session>((resolve, reject) => {
      const session = smpp.connect({ url: `${this.s.tls ? 'ssmpp' : 'smpp'}://${this.s.host}:${this.s.port}`, auto_enquire_link_period: 30_000 });
      const fail = (e: Error) => {
        this.drop(session);
        reject(e);
      };
      const timer = setTimeout(() => fail(new Error(`SMPP ${this.s.host}:${this.s.port}: no bind answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      session.on('error', (e: Error) => {
        clearTimeout(timer);
        this.log(`SMPP ${this.s.host}:${this.s.port}: ${e.message}`);
        fail(e);
      });
      session.on('close', () => this.drop(session));
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: smpp.PDU) => {
        session.send(pdu.response());
        this.drop(session);
        session.close();
      });
      session.on('deliver_sm', (pdu: smpp.PDU) => void this.deliver(session, pdu));
      session.on('connect', () => {
        // PDUs are small request/answer pairs: Nagle's algorithm would hold each one for the peer's delayed ACK (~40 ms).
        session.socket.setNoDelay(true);
        session.bind_transceiver({ system_id: this.s.systemId, password: this.s.password, system_type: this.s.systemType, interface_version: 0x34 }, (pdu) => {
          clearTimeout(timer);
          if (pdu.command_status === 0) {
            this.session = session;
            resolve(session);
          } else {
            fail(
              new Error(`SMPP ${this.s.host}:${this.s.port}: bind refused (${statusName(pdu.command_status)}); check the system_id and password in SMS_URL`),
            );
            session.close();
          }
        });
      });
    });
    this.binding = binding;
    return binding;
  }

  /** Forgets a session that closed or failed: the next send binds anew. */
  private drop(session: smpp.Session): void {
    if (this.session === session || this.session === null) {
      this.session = null;
      this.binding = null;
    }
  }

  private request(session: smpp.Session, command: 'submit_sm', params: Record<string, unknown>): Promise<smpp.PDU> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`SMPP ${command}: no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      const onClose = () => {
        clearTimeout(timer);
        reject(new Error(`SMPP ${command}: the session closed before the answer`));
      };
      session.once('close', onClose);
      const sent = session[command](params, (pdu) => {
        clearTimeout(timer);
        session.off('close', onClose);
        resolve(pdu);
      });
      if (!sent) {
        clearTimeout(timer);
        session.off('close', onClose);
        this.drop(session);
        reject(new Error(`SMPP ${command}: the session is not writable`));
      }
    });
  }

  /** A receipt or a reply: answered with success once recorded, or with "try later" (ESME_RX_T_APPN) so the SMSC offers it again. */
  private async deliver(session: smpp.Session, pdu: smpp.PDU): Promise<void> {
    let ok = true;
    try {
      const event = readDeliver(pdu);
      if (event && this.listener) ok = await this.listener(event);
    } catch (e) {
      this.log(`SMPP deliver_sm: ${(e as Error).message}`);
      ok = false;
    }
    session.send(pdu.response(ok ? {} : { command_status: smpp.ESME_RX_T_APPN }));
  }
}

function textOf(pdu: smpp.PDU): string {
  const sm = pdu.short_message as { message?: unknown } | Buffer | string | undefined;
  if (typeof sm === 'string') return sm;
  if (Buffer.isBuffer(sm)) return sm.toString('latin1');
  const m = sm?.message;
  if (typeof m === 'string') return m;
  if (Buffer.isBuffer(m)) return m.toString('latin1');
  const payload = pdu.message_payload as { message?: unknown } | undefined;
  return typeof payload?.message === 'string' ? payload.message : '';
}

/** A deliver_sm as the hub reads it: a delivery receipt (by esm_class) or a text a phone sent. */
export function readDeliver(pdu: smpp.PDU): import('./sms-transport').SmsInbound | null {
  const text = textOf(pdu);
  if (((pdu.esm_class ?? 0) & RECEIPT_TYPE) === SMSC_RECEIPT) {
    const id = (pdu.receipted_message_id as string | undefined) || /\bid:(\S+)/i.exec(text)?.[1];
    if (!id) return null;
    const state = MESSAGE_STATES[pdu.message_state as number] ?? STAT_WORDS[/\bstat:(\w+)/i.exec(text)?.[1]?.toUpperCase() ?? ''] ?? 'unknown';
    return { kind: 'receipt', providerMessageId: id, state, at: new Date() };
  }
  return { kind: 'reply', phone: String(pdu.source_addr ?? ''), text, at: new Date() };
}

function statusName(status: number): string {
  const name = Object.entries(smpp.errors).find(([, v]) => v === status)?.[0];
  return `${name ?? 'status'} 0x${status.toString(16).padStart(2, '0')}`;
}
