import { createHmac, timingSafeEqual } from 'crypto';
import { createServer, Server } from 'http';
import type { AddressInfo } from 'net';

export interface ReceivedHook {
  path: string;
  status: number;
  delivery: string;
  event: string;
  signatureOk: boolean;
  body: { id: string; event: string; at: string; ticket: { id: number; number: string; status: string } | null };
  at: number;
}

/** A local webhook receiver: checks X-Hub-Signature-256 itself, and answers what `answer` says (503 while "down"). */
export class WebhookReceiver {
  readonly requests: ReceivedHook[] = [];
  answer: (path: string) => number = () => 200;
  private server!: Server;

  constructor(private readonly secret: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const expected = Buffer.from(`sha256=${createHmac('sha256', this.secret).update(raw).digest('hex')}`);
        const given = Buffer.from(String(req.headers['x-hub-signature-256'] ?? ''));
        const status = this.answer(req.url ?? '/');
        this.requests.push({
          path: req.url ?? '/',
          status,
          delivery: String(req.headers['x-hub-delivery']),
          event: String(req.headers['x-hub-event']),
          signatureOk: expected.length === given.length && timingSafeEqual(expected, given),
          body: JSON.parse(raw.toString('utf8')),
          at: Date.now(),
        });
        res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 200 ? 'ok' : 'unavailable');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  accepted(path?: string): ReceivedHook[] {
    return this.requests.filter((r) => r.status === 200 && (!path || r.path === path));
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
