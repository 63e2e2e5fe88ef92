/**
 * The storage contract (#22): the same suite against the folder adapter and against the S3 adapter
 * talking HTTP to a local S3-compatible server (s3rver). What every caller relies on: bytes back as
 * written, content-addressed writes stored once and never overwritten (also when racing), whole
 * replacements, listings by prefix, deletes, a local file for readers that want one.
 */
import { createHash, randomBytes } from 'crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadConfig } from '@hub/config';
import { createObjectStorage, LocalFolderStorage, ObjectStorage, S3Storage } from '@hub/storage';
import { LocalS3, startLocalS3 } from '../support/s3-server';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function contract(name: string, open: () => Promise<{ storage: ObjectStorage; close: () => Promise<void> }>): void {
  describe(`object storage contract: ${name}`, () => {
    let storage: ObjectStorage;
    let close: () => Promise<void>;
    const scratch = mkdtempSync(join(tmpdir(), 'hub-storage-src-'));

    beforeAll(async () => ({ storage, close } = await open()));
    afterAll(async () => {
      await close?.();
      rmSync(scratch, { recursive: true, force: true });
    });

    it('gives back the bytes written, binary and Chinese text alike, and null for a key never written', async () => {
      const bytes = Buffer.concat([randomBytes(5000), Buffer.from('市长信箱 来信', 'utf8')]);
      await storage.put('reports/summary 2026.xlsx', bytes);
      expect((await storage.get('reports/summary 2026.xlsx'))!.equals(bytes)).toBe(true);
      expect(await readAll((await storage.stream('reports/summary 2026.xlsx'))!)).toEqual(bytes);
      expect(await storage.stat('reports/summary 2026.xlsx')).toMatchObject({ key: 'reports/summary 2026.xlsx', size: bytes.length });
      expect(await storage.get('reports/none.xlsx')).toBeNull();
      expect(await storage.stream('reports/none.xlsx')).toBeNull();
      expect(await storage.stat('reports/none.xlsx')).toBeNull();
    });

    it('stores content-addressed bytes once: a second write of the key, even of other bytes, changes nothing', async () => {
      const bytes = Buffer.from('From: a@b\r\n\r\n来信正文');
      const key = `raw/mail/${createHash('sha256').update(bytes).digest('hex')}.eml`;
      expect(await storage.putIfAbsent(key, bytes)).toBe(true);
      expect(await storage.putIfAbsent(key, bytes)).toBe(false);
      expect(await storage.putIfAbsent(key, Buffer.from('other'))).toBe(false);
      expect((await storage.get(key))!.equals(bytes)).toBe(true);
    });

    it('lets exactly one of many racing writers of a key write it', async () => {
      const bytes = randomBytes(20_000);
      const key = `raw/attachments/race-${randomBytes(4).toString('hex')}.bin`;
      const results = await Promise.all(Array.from({ length: 8 }, () => storage.putIfAbsent(key, bytes)));
      // The folder adapter guarantees one winner; a bucket whose server ignores If-None-Match may
      // let several racing PUTs of the same bytes succeed, which leaves the same object.
      if (storage.kind === 'local') expect(results.filter(Boolean)).toHaveLength(1);
      else expect(results.filter(Boolean).length).toBeGreaterThanOrEqual(1);
      expect((await storage.get(key))!.equals(bytes)).toBe(true);
    });

    it('streams a file in once, and a local file back with its bytes', async () => {
      const src = join(scratch, 'export.csv');
      const content = Buffer.from('工单编号,诉求内容\n' + 'A,路灯不亮\n'.repeat(50_000), 'utf8');
      writeFileSync(src, content);
      expect(await storage.putFileIfAbsent('raw/exports/x.csv', src)).toBe(true);
      expect(await storage.putFileIfAbsent('raw/exports/x.csv', src)).toBe(false);
      const local = await storage.localFile('raw/exports/x.csv');
      expect(local).not.toBeNull();
      expect(readFileSync(local!).equals(content)).toBe(true);
      expect(await storage.localFile('raw/exports/none.csv')).toBeNull();
    });

    it('replaces an object whole', async () => {
      await storage.put('models/active.json', '{"version":"a"}');
      await storage.put('models/active.json', '{"version":"b"}');
      expect((await storage.get('models/active.json'))!.toString()).toBe('{"version":"b"}');
    });

    it('lists by prefix in key order, and deletes (twice is fine)', async () => {
      await storage.put('uploads/b.csv', 'b');
      await storage.put('uploads/a.csv', 'a');
      await storage.put('uploads/a.csv.upload.json', '{}');
      await storage.put('uploadsx/c.csv', 'c');
      expect((await storage.list('uploads/')).map((o) => o.key)).toEqual(['uploads/a.csv', 'uploads/a.csv.upload.json', 'uploads/b.csv']);
      expect((await storage.list('uploads/a')).map((o) => o.key)).toEqual(['uploads/a.csv', 'uploads/a.csv.upload.json']);
      await storage.delete('uploads/a.csv');
      await storage.delete('uploads/a.csv');
      expect(await storage.get('uploads/a.csv')).toBeNull();
      expect((await storage.list('uploads/')).map((o) => o.key)).toEqual(['uploads/a.csv.upload.json', 'uploads/b.csv']);
      expect(await storage.list('nothing-here/')).toEqual([]);
    });

    it('refuses keys that would leave the store', async () => {
      for (const bad of ['../etc/passwd', '/abs', 'a/../../b', 'a\\b', '']) await expect(storage.get(bad)).rejects.toThrow(/invalid storage key/);
    });
  });
}

contract('folder (HUB_DATA_DIR)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-storage-'));
  const storage = createObjectStorage(loadConfig({ ...process.env, HUB_DATA_DIR: dir, HUB_STORAGE_URL: '' }));
  expect(storage).toBeInstanceOf(LocalFolderStorage);
  return { storage, close: async () => rmSync(dir, { recursive: true, force: true }) };
});

let s3: LocalS3;
contract('S3 over HTTP (s3rver)', async () => {
  s3 = await startLocalS3();
  const dir = mkdtempSync(join(tmpdir(), 'hub-storage-cache-'));
  const storage = createObjectStorage(loadConfig({ ...process.env, HUB_DATA_DIR: dir, HUB_STORAGE_URL: s3.url('hub1') }));
  expect(storage).toBeInstanceOf(S3Storage);
  return {
    storage,
    close: async () => {
      (storage as S3Storage).destroy();
      await s3.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
