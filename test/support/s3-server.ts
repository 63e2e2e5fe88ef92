/**
 * A local S3-compatible server for tests and the load harness: s3rver (an S3 REST API over HTTP
 * on a folder), started in this process on a free port with one bucket.
 */
import { mkdtempSync, rmSync } from 'fs';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

// s3rver ships no types; only its constructor, run and close are used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => { run(): Promise<AddressInfo>; close(): Promise<void> };

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** HUB_STORAGE_URL for this bucket (with an optional key prefix). */
  url(prefix?: string): string;
  stop(): Promise<void>;
}

/** s3rver accepts any credentials; the SDK wants some in the environment. */
export function setDummyS3Credentials(): void {
  process.env.AWS_ACCESS_KEY_ID ||= 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY ||= 'S3RVER';
}

export async function startLocalS3(bucket = 'hub-test'): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'hub-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  setDummyS3Credentials();
  return {
    endpoint,
    bucket,
    url: (prefix = '') => `s3://${bucket}${prefix ? `/${prefix}` : ''}?endpoint=${encodeURIComponent(endpoint)}`,
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
