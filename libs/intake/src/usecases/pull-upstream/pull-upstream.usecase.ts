import { Inject, Injectable, Logger } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig, type UpstreamConfig } from '@hub/config';
import { UnitOfWork, UPSTREAM_CURSORS, UseCaseError, validateCommand } from '@hub/database';
import { CLOCK, type Clock } from '@hub/domain';
import { atPath, pageUrl, UpstreamFetcher, upstreamOrder } from '../../upstream/upstream-orders';
import { ReceiveWebIntakeUseCase } from '../receive-web-intake/receive-web-intake.usecase';
import { PullUpstreamCommand } from './pull-upstream.command';

/** Pages read in one pull at most (the next pull goes on from the kept cursor). */
const MAX_PAGES = 20;
const TIMEOUT_MS = 15_000;

export interface UpstreamPullResult {
  upstream: string;
  /** Work orders read. */
  fetched: number;
  /** New tickets. */
  created: number;
  /** Orders already taken in (the same id from the same platform). */
  duplicates: number;
  /** Orders that could not be taken in, each with its reason. */
  refused: Array<{ externalId: string | null; reason: string }>;
  /** Why the pull stopped early (the platform away, an answer without a list); the cursor stays. */
  error: string | null;
}

/**
 * Takes in an upstream platform's new work orders (省12345平台, 互联网+督查…): reads its list page by
 * page from the kept cursor, records each order through the web intake (raw archived, one ticket
 * per platform id, its own reply deadline kept), and keeps the cursor after each page. A page read
 * twice (the process died before its cursor was kept) makes no second ticket.
 */
@Injectable()
export class PullUpstreamUseCase {
  private readonly log = new Logger('upstream');

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly receive: ReceiveWebIntakeUseCase,
    private readonly fetcher: UpstreamFetcher,
  ) {}

  async execute(input: PullUpstreamCommand = {}): Promise<UpstreamPullResult[]> {
    const { upstream } = validateCommand(PullUpstreamCommand, input);
    const all = this.config.upstreams.upstreams;
    const chosen = upstream ? all.filter((u) => u.code === upstream) : all;
    if (upstream && !chosen.length) throw new UseCaseError('NOT_FOUND', `upstreams.yaml 中没有代码为 ${upstream} 的上级平台`, 'upstream');
    const out: UpstreamPullResult[] = [];
    for (const u of chosen) out.push(await this.pull(u));
    return out;
  }

  private async pull(u: UpstreamConfig): Promise<UpstreamPullResult> {
    const cursors = this.uow.read(UPSTREAM_CURSORS);
    const state = await cursors.ensure(u.code);
    const result: UpstreamPullResult = { upstream: u.code, fetched: 0, created: 0, duplicates: 0, refused: [], error: null };
    let cursor = state.cursor;
    const headers: Record<string, string> = { Accept: 'application/json', ...(u.token ? { Authorization: `Bearer ${u.token}` } : {}) };
    for (let page = 0; page < MAX_PAGES; page++) {
      let items: unknown[];
      let next: string | null;
      try {
        const res = await this.fetcher.get(pageUrl(u, cursor), headers, TIMEOUT_MS);
        if (res.status < 200 || res.status >= 300) throw new Error(`上级平台答复 HTTP ${res.status}`);
        const doc: unknown = JSON.parse(res.body);
        const list = atPath(doc, u.items);
        if (!Array.isArray(list)) throw new Error(`上级平台的答复中 ${u.items} 不是工单列表`);
        items = list;
        const n = atPath(doc, u.nextCursor);
        next = n == null || n === '' ? null : String(n);
      } catch (e) {
        result.error = (e as Error).name === 'TimeoutError' ? `上级平台 ${TIMEOUT_MS / 1000} 秒内无答复` : (e as Error).message;
        await cursors.update(state.id, { lastPullAt: this.clock.now(), lastError: result.error, consecutiveFailures: state.consecutiveFailures + 1 });
        this.log.warn(`upstream ${u.code}: ${result.error}`);
        return result;
      }
      for (const item of items) await this.takeIn(u, item, result);
      result.fetched += items.length;
      // The page is recorded: the cursor moves on (a crash before this re-reads the page; its orders are duplicates).
      const moved = next != null && next !== cursor;
      if (moved) cursor = next;
      await cursors.update(state.id, {
        cursor,
        lastPullAt: this.clock.now(),
        lastSuccessAt: this.clock.now(),
        lastError: null,
        consecutiveFailures: 0,
        pulled: state.pulled + result.created,
      });
      if (!items.length || !moved) break;
    }
    return result;
  }

  private async takeIn(u: UpstreamConfig, item: unknown, result: UpstreamPullResult): Promise<void> {
    const order = upstreamOrder(u, item);
    if ('refused' in order) {
      result.refused.push({ externalId: order.externalId, reason: order.refused });
      return;
    }
    try {
      const receipt = await this.receive.execute({ ...order.intake, receivedBy: { kind: 'system', id: null, name: u.name } });
      if (receipt.duplicate) result.duplicates++;
      else result.created++;
    } catch (e) {
      if (!(e instanceof UseCaseError)) throw e; // the database away: the job fails and the cursor stays
      result.refused.push({ externalId: order.intake.externalId ?? null, reason: e.message });
    }
  }
}
