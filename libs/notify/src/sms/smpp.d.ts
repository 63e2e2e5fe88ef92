// The `smpp` package ships no types: the part of its API the hub uses.
declare module 'smpp' {
  import { EventEmitter } from 'events';
  import { Server as NetServer } from 'net';

  export interface PDU {
    command: string;
    command_status: number;
    sequence_number: number;
    // Every SMPP parameter of the command, by its name in the specification, typed as the PDU's definition says.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    [param: string]: any;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
  }
  export class Session extends EventEmitter {
    socket: import('net').Socket;
    send(pdu: PDU, responseCallback?: (pdu: PDU) => void, sendCallback?: (pdu: PDU) => void): boolean;
    bind_transceiver(options: Record<string, unknown>, cb?: (pdu: PDU) => void): boolean;
    submit_sm(options: Record<string, unknown>, cb?: (pdu: PDU) => void): boolean;
    deliver_sm(options: Record<string, unknown>, cb?: (pdu: PDU) => void): boolean;
    enquire_link(options?: Record<string, unknown>, cb?: (pdu: PDU) => void): boolean;
    unbind(options?: Record<string, unknown>, cb?: (pdu: PDU) => void): boolean;
    pause(): void;
    resume(): void;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
  }
  export class Server extends NetServer {
    sessions: Session[];
  }
  export function connect(options: Record<string, unknown>, listener?: () => void): Session;
  export function createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;
  export function createServer(listener?: (session: Session) => void): Server;
  export const errors: Record<string, number>;
  export const ESME_ROK: number;
  export const ESME_RBINDFAIL: number;
  export const ESME_RINVPASWD: number;
  export const ESME_RINVSYSID: number;
  export const ESME_RINVDSTADR: number;
  export const ESME_RX_T_APPN: number;
  export const ESME_RTHROTTLED: number;
  export const ESME_RSYSERR: number;
}
