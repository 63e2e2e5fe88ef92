import { mkdir, rename, writeFile } from 'fs/promises';
import { basename, join } from 'path';
import type { ExportSourceConfig } from '@hub/config';
import { UseCaseError } from '@hub/database';
import type { HotlineRow } from './exports';
import type { IntakeDraft } from './intake-draft';

export interface HotlineImportSummary {
  rows: number;
  imported: number;
  duplicates: number;
  rejected: number;
  /** The rejects report (row number and reason of each bad row), or null when every row was good. */
  rejects: string | null;
  importFileId: number;
}

export class UnknownSourceError extends UseCaseError {
  constructor(message: string) {
    super('BAD_INPUT', message);
  }
}

/** One good row of a hotline export as a draft: its original is the export file, archived with the import. */
export function hotlineRowDraft(r: HotlineRow, source: ExportSourceConfig, importFileId: number): IntakeDraft {
  return {
    channel: 'hotline',
    source: r.line || source.name, // (r.line is already the source's fixed line when it has one)
    externalId: r.externalId,
    text: r.text,
    address: r.address,
    receivedAt: r.receivedAt,
    urgency: r.urgency,
    confidential: r.confidential,
    requester: { name: r.name, phone: r.phone, email: r.email, address: r.address },
    raw: { kind: 'export_file', importFileId },
    city: source.city ?? null,
  };
}

/** A file in a watch folder that could not be read is moved aside with its reason beside it. */
export async function moveAside(file: string, reason: string): Promise<string> {
  const dir = join(file, '..', 'rejected');
  await mkdir(dir, { recursive: true });
  const target = join(dir, basename(file));
  await rename(file, target);
  await writeFile(`${target}.reason.txt`, `${reason}\n`, 'utf8');
  return target;
}
