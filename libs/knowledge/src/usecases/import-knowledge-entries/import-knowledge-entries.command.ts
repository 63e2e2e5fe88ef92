import type { KnowledgeEditor } from '../../knowledge-actor';
import type { KnowledgeRowReject, KnowledgeSheetRow } from '../../workbook/knowledge-workbook';

/** The rows read from a knowledge workbook, saved by whoever uploaded it within their rights. */
export interface ImportKnowledgeEntriesCommand {
  rows: KnowledgeSheetRow[];
  editor: KnowledgeEditor;
}

/** What became of the file: rows saved as new entries, as new versions, rows equal to their entry, rows refused. */
export interface KnowledgeImportResult {
  created: number;
  updated: number;
  unchanged: number;
  rejected: KnowledgeRowReject[];
}
