import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import type { HubConfig } from '@hub/config';
import { sharedStorageFor } from '@hub/storage';
import type { ModelStore } from './store';

/**
 * Routing models across hosts (HUB_STORAGE_URL): a model trained on one host is written to the
 * shared bucket (`models/<version>.json`, then `models/active.json` when it is made active), and
 * every other host takes it from there into its own HUB_DATA_DIR/models. Without a bucket, nothing
 * to do: the folder is shared or there is one host.
 */
export async function pushModel(config: Pick<HubConfig, 'env'>, store: ModelStore, version: string): Promise<void> {
  const shared = sharedStorageFor(config);
  if (!shared) return;
  await shared.putIfAbsent(`models/${version}.json`, readFileSync(join(store.dir, `${version}.json`)));
  if (store.activeVersion() === version) await shared.put('models/active.json', readFileSync(join(store.dir, 'active.json')));
}

/** Makes the bucket's active model this host's active model; true when it changed. */
export async function pullActiveModel(config: Pick<HubConfig, 'env'>, store: ModelStore): Promise<boolean> {
  const shared = sharedStorageFor(config);
  if (!shared) return false;
  const pointer = await shared.get('models/active.json');
  if (!pointer) return false;
  const version = (JSON.parse(pointer.toString('utf8')) as { version?: unknown }).version;
  if (typeof version !== 'string' || !/^[\w.-]+$/.test(version) || store.activeVersion() === version) return false;
  if (!existsSync(join(store.dir, `${version}.json`))) {
    const model = await shared.get(`models/${version}.json`);
    if (!model) return false;
    store.save(JSON.parse(model.toString('utf8')) as Parameters<ModelStore['save']>[0]);
  }
  store.activate(version);
  return true;
}
