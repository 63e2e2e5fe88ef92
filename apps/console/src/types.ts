/**
 * The API's answers the views share, as generated from its OpenAPI document (api/generated/schema.d.ts,
 * written by `npm run openapi` from the controllers): a changed response shows up here as a type
 * error, not as a blank page.
 */
import type { components } from './api/generated/schema';

export type Schemas = components['schemas'];
export type NextDeadline = Schemas['NextDeadline'];
export type TicketSummary = Schemas['TicketSummary'];
export type TicketPage = Schemas['TicketPage'];
export type TicketDetail = Schemas['TicketDetail'];

/** What the dispatch dialog offers: one of the classifier's suggestions, or its decision when it has none. */
export type Suggestion = Partial<Pick<Schemas['Classification'], 'category' | 'department' | 'region' | 'confidence'>>;
export type SupervisionOrder = Schemas['SupervisionOrderRecord'];
export type SupervisionOrderList = Schemas['SupervisionOrderList'];
export type SupervisionStats = Schemas['SupervisionStats'];
export type SupervisionReport = Schemas['SupervisionReport'];

export type CallerHistory = Schemas['CallerHistory'];
export type CallerHistoryItem = Schemas['CallerHistoryItem'];
export type KnowledgeHit = Schemas['KnowledgeHit'];
export type KnowledgeHits = Schemas['KnowledgeHits'];
export type KnowledgeEntry = Schemas['KnowledgeEntry'];
export type KnowledgePage = Schemas['KnowledgePage'];
export type ZeroReportOverview = Schemas['ZeroReportOverviewRecord'];
export type ZeroReportLine = Schemas['ZeroReportLineRecord'];
export type ZeroReportMine = Schemas['ZeroReportMine'];
