import { Inject, Injectable } from '@nestjs/common';
import { visibleTickets } from '@hub/auth';
import type { SessionUser } from '../auth/auth.decorators';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { KNOWLEDGE, KNOWLEDGE_GAPS, UnitOfWork, UNITS } from '@hub/database';
import { addDays, businessDate, CLOCK, Clock, isCalendarDay } from '@hub/domain';
import { limitPeriod, MAX_API_PERIOD_DAYS, parsePeriod, PeriodError, periodBounds } from '@hub/reporting';
import { ticketNumber } from '@hub/tickets';

/** How many of the latest unanswered-from-the-base calls the report lists. */
const RECENT_GAPS = 20;

/**
 * The knowledge base's gaps: direct answers of a period given without an entry, by category (the
 * calls a new entry would serve), and how often each entry answered in the period.
 */
@Injectable()
export class KnowledgeGapsService {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(user: SessionUser, fromParam: unknown, toParam: unknown) {
    const scope = visibleTickets(user);
    const day = (v: unknown, name: string) => {
      if (v === undefined || v === '') return undefined;
      if (typeof v !== 'string') throw new PeriodError(`${name} 须为一个日期 YYYY-MM-DD（${name} must be one date YYYY-MM-DD）`);
      return v;
    };
    const [from, to] = [day(fromParam, 'from'), day(toParam, 'to')];
    const today = businessDate(this.clock.now());
    const last = to ?? today;
    const period = limitPeriod(parsePeriod(from ?? (isCalendarDay(last) ? addDays(last, -29) : last), last), MAX_API_PERIOD_DAYS);
    const { start, end } = periodBounds(period);
    const gaps = this.uow.read(KNOWLEDGE_GAPS);
    const [byCategory, uncited, citations] = await Promise.all([
      gaps.directAnswersByCategory(start, end, scope),
      gaps.uncitedAnswers(start, end, RECENT_GAPS, scope),
      gaps.citationsByEntry(start, end, scope),
    ]);
    const entries = await this.uow.read(KNOWLEDGE).findByIds([...citations.keys()]);
    const units = await this.uow.read(UNITS).listAll();
    const unitName = (id: number | null) => units.find((u) => u.id === id)?.name ?? null;
    const categories = byCategory
      .map((c) => ({
        category: c.category,
        answered: c.answered,
        cited: c.cited,
        uncited: c.answered - c.cited,
        citedRate: c.answered ? c.cited / c.answered : 0,
      }))
      .sort((a, b) => b.uncited - a.uncited || b.answered - a.answered || (a.category ?? '').localeCompare(b.category ?? ''));
    const total = categories.reduce((s, c) => ({ answered: s.answered + c.answered, cited: s.cited + c.cited }), { answered: 0, cited: 0 });
    return {
      from: period.from,
      to: period.to,
      answered: total.answered,
      cited: total.cited,
      uncited: total.answered - total.cited,
      categories,
      recent: uncited.map((t) => ({
        id: t.id,
        number: ticketNumber(this.config.env.ticketPrefix, t),
        category: t.category,
        summary: `${t.subject ? `${t.subject}：` : ''}${t.text}`.replace(/\s+/g, ' ').slice(0, 100),
        repliedAt: t.repliedAt,
      })),
      entries: [...citations.entries()]
        .map(([id, answers]) => {
          const e = entries.find((x) => x.id === id);
          return { id, title: e?.title ?? `（已删除的条目 ${id}）`, category: e?.category ?? null, unit: unitName(e?.unitId ?? null), answers };
        })
        .sort((a, b) => b.answers - a.answers || a.id - b.id),
    };
  }
}
