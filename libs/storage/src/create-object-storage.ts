import type { HubConfig } from '@hub/config';
import { LocalFolderStorage } from './local-folder-storage';
import type { ObjectStorage } from './object-storage';
import { S3Storage } from './s3-storage';

/**
 * The store HUB_STORAGE_URL names: the folder HUB_DATA_DIR, or an S3-compatible bucket (with
 * HUB_DATA_DIR holding copies of objects fetched for readers that want a file). Credentials
 * come from the standard AWS environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, or a role).
 */
export function createObjectStorage(config: Pick<HubConfig, 'env'>): ObjectStorage {
  const s = config.env.storage;
  if (s.kind === 'local') return new LocalFolderStorage(config.env.dataDir);
  return new S3Storage({
    bucket: s.bucket,
    prefix: s.prefix,
    // Objects fetched for readers that want a file land where the folder store would keep them.
    cacheDir: config.env.dataDir,
    client: {
      region: s.region,
      endpoint: s.endpoint,
      forcePathStyle: s.forcePathStyle,
      // Many S3-compatible servers do not understand the SDK's default checksum trailers on
      // streamed uploads (aws-chunked): with an endpoint of its own, checksums only where required.
      ...(s.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const } : {}),
    },
  });
}

const shared = new WeakMap<object, ObjectStorage>();

/** One store per configuration, shared by every caller in the process (one S3 client, one connection pool). */
export function storageFor(config: Pick<HubConfig, 'env'>): ObjectStorage {
  let s = shared.get(config.env);
  if (!s) {
    s = createObjectStorage(config);
    shared.set(config.env, s);
  }
  return s;
}

/** The bucket when HUB_STORAGE_URL names one; null for the folder (HUB_DATA_DIR is then the store itself). */
export function sharedStorageFor(config: Pick<HubConfig, 'env'>): ObjectStorage | null {
  // No storage setting (a configuration made by hand, e.g. in a spec): the folder.
  return (config.env.storage?.kind ?? 'local') === 'local' ? null : storageFor(config);
}
