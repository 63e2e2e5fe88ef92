import type { SmsDeliveryState } from '@hub/database';

/** One outbox SMS as a gateway gets it. */
export interface SmsMessage {
  /** The outbox id (a gateway's own reference, OutId). */
  id: number;
  /** Normalised digits. */
  phone: string;
  text: string;
  /** Which try this is (a folder transport names its file after it). */
  attempt: number;
}

export interface SmsSendResult {
  /** The gateway's message id of each segment, in order: delivery receipts name them. */
  providerIds: string[];
}

/** What a gateway pushes back: a delivery receipt, or a text a phone sent (TD/退订). */
export type SmsInbound =
  { kind: 'receipt'; providerMessageId: string; state: SmsDeliveryState; at: Date } | { kind: 'reply'; phone: string; text: string; at: Date };

/** Returns whether the event was recorded; false asks the gateway to offer it again later. */
export type SmsInboundListener = (event: SmsInbound) => Promise<boolean>;

/** SMS as a port: SMPP, a cloud gateway, or a folder when SMS_URL is unset. */
export interface SmsTransport {
  readonly name: string;
  send(m: SmsMessage): Promise<SmsSendResult>;
  /** Receipts and replies the gateway pushes on its own (SMPP deliver_sm); others never call it. */
  onInbound(listener: SmsInboundListener): void;
  close(): Promise<void>;
}
export const SMS_TRANSPORT = Symbol('SMS_TRANSPORT');

/**
 * The gateway refused the message for good (an invalid number, a template the platform does not
 * know): trying again cannot help, so the outbox marks it failed at once.
 */
export class SmsRejectedError extends Error {
  readonly permanent = true;
}
