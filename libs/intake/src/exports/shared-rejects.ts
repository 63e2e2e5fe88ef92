import { existsSync } from 'fs';
import { readFile } from 'fs/promises';
import { basename } from 'path';
import type { HubConfig } from '@hub/config';
import { sharedStorageFor } from '@hub/storage';

const rejectsKey = (path: string) => `rejects/${basename(path)}`;

/** A rejects report written on this host, copied to the shared bucket (HUB_STORAGE_URL) so an API on another host serves it. */
export async function shareRejectsReport(config: Pick<HubConfig, 'env'>, path: string): Promise<void> {
  const shared = sharedStorageFor(config);
  if (shared) await shared.put(rejectsKey(path), await readFile(path));
}

/** The rejects report as a file on this host (the writer's own, or fetched from the shared bucket), or null when there is none. */
export async function rejectsReportFile(config: Pick<HubConfig, 'env'>, path: string): Promise<string | null> {
  if (existsSync(path)) return path;
  const shared = sharedStorageFor(config);
  return shared ? shared.localFile(rejectsKey(path)) : null;
}
