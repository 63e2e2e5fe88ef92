/**
 * HUB_STORAGE_URL: where raw letters, attachments, export files, uploads, reports, rejects and
 * models are kept. Unset: the folder HUB_DATA_DIR (one host). `s3://bucket[/prefix]?endpoint=…`:
 * an S3-compatible bucket shared by every host (credentials from the standard AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY environment; `region=` defaults to us-east-1; `forcePathStyle=false` for
 * virtual-hosted buckets, path style otherwise as most S3-compatible servers want).
 */
export type StorageSettings = { kind: 'local' } | { kind: 's3'; bucket: string; prefix: string; endpoint?: string; region: string; forcePathStyle: boolean };

export function parseStorageUrl(raw: string | undefined, problems: string[]): StorageSettings {
  if (!raw) return { kind: 'local' };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    problems.push(`HUB_STORAGE_URL: not a valid URL (${raw}); e.g. s3://hub-files?endpoint=https://s3.example.com`);
    return { kind: 'local' };
  }
  if (u.protocol !== 's3:') {
    problems.push(`HUB_STORAGE_URL must start with s3:// (got ${raw}); leave it unset for the folder HUB_DATA_DIR`);
    return { kind: 'local' };
  }
  const bucket = u.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) problems.push(`HUB_STORAGE_URL: "${bucket}" is not a valid bucket name`);
  const endpoint = u.searchParams.get('endpoint') ?? undefined;
  if (endpoint && !/^https?:\/\//.test(endpoint)) problems.push(`HUB_STORAGE_URL: endpoint must start with http:// or https:// (got ${endpoint})`);
  const prefix = decodeURIComponent(u.pathname.replace(/^\/+|\/+$/g, ''));
  return {
    kind: 's3',
    bucket,
    prefix: prefix ? `${prefix}/` : '',
    endpoint,
    region: u.searchParams.get('region') ?? 'us-east-1',
    forcePathStyle: u.searchParams.get('forcePathStyle') !== 'false',
  };
}
