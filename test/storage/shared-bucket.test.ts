/**
 * Two hosts sharing a bucket (HUB_STORAGE_URL) and nothing else (#22): what one host archived or
 * received as an upload, the other reads, imports and tidies up; content-addressed items are
 * stored once however many hosts write them. Against s3rver over HTTP.
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ModelStore, pullActiveModel, pushModel, type RouterModelJson } from '@hub/classification';
import { HubConfig, loadConfig } from '@hub/config';
import { forgetUpload, pendingUploads, RawArchive, rejectsReportFile, shareRejectsReport, storeUpload, uploadFile } from '@hub/intake';
import { S3Storage, sharedStorageFor } from '@hub/storage';
import { LocalS3, startLocalS3 } from '../support/s3-server';

describe('two hosts on one bucket', () => {
  let s3: LocalS3;
  let hostA: HubConfig;
  let hostB: HubConfig;
  const dirs: string[] = [];

  beforeAll(async () => {
    s3 = await startLocalS3('hub-shared');
    const host = () => {
      const dir = mkdtempSync(join(tmpdir(), 'hub-host-'));
      dirs.push(dir);
      return loadConfig({ ...process.env, HUB_DATA_DIR: dir, HUB_STORAGE_URL: s3.url('city') });
    };
    hostA = host();
    hostB = host();
  });

  afterAll(async () => {
    for (const c of [hostA, hostB]) (sharedStorageFor(c) as S3Storage | null)?.destroy();
    await s3.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('lets host B read a letter and an attachment that host A archived', async () => {
    const letter = Buffer.from('From: citizen@example.com\r\nSubject: 路灯\r\n\r\n小区路灯不亮', 'utf8');
    const attachment = Buffer.from('%PDF-1.4 照片说明');
    const raw = await RawArchive.of(hostA).putBytesShared('mail', letter, '.eml');
    const att = await RawArchive.of(hostA).putBytes('attachments', attachment, '.pdf');
    expect(existsSync(join(hostB.env.dataDir, raw.path))).toBe(false);
    expect(readFileSync(await RawArchive.of(hostB).localFile(raw.path)).equals(letter)).toBe(true);
    expect(readFileSync(await RawArchive.of(hostB).localFile(att.path)).equals(attachment)).toBe(true);
  });

  it('stores the same letter once when both hosts archive it (a mailbox polled twice)', async () => {
    const letter = Buffer.from('Message-ID: <same@x>\r\n\r\n同一封信', 'utf8');
    const [a, b] = await Promise.all([
      RawArchive.of(hostA).putBytesShared('mail', letter, '.eml'),
      RawArchive.of(hostB).putBytesShared('mail', letter, '.eml'),
    ]);
    expect(a.path).toBe(b.path);
    const sha = createHash('sha256').update(letter).digest('hex');
    const objects = await sharedStorageFor(hostA)!.list(`raw/mail/${sha.slice(0, 2)}/`);
    expect(objects.filter((o) => o.key.includes(sha))).toHaveLength(1);
  });

  it('lets a worker on host B find, import and forget an export uploaded to the API on host A', async () => {
    const content = Buffer.from('工单编号,诉求内容\nA1,噪音扰民\n', 'utf8');
    const upload = await storeUpload(hostA, '话务导出.csv', 'standard', content);
    const sharedB = sharedStorageFor(hostB);
    const waiting = await pendingUploads(hostB.env.dataDir, 0, Date.now() + 1000, sharedB);
    expect(waiting).toEqual([expect.objectContaining({ source: 'standard', originalName: '话务导出.csv' })]);
    // The job carries host A's path; host B reads its own copy, fetched from the bucket.
    const local = await uploadFile(hostB, upload.uploadPath);
    expect(local.startsWith(hostB.env.dataDir)).toBe(true);
    expect(readFileSync(local).equals(content)).toBe(true);
    await forgetUpload(local, sharedB);
    expect(await pendingUploads(hostB.env.dataDir, 0, Date.now() + 1000, sharedB)).toEqual([]);
    expect(await pendingUploads(hostA.env.dataDir, 0, Date.now() + 1000, sharedStorageFor(hostA))).toEqual([]);
  });

  it('gives host B the routing model host A trained and made active', async () => {
    const storeA = new ModelStore(hostA.env.dataDir);
    const storeB = new ModelStore(hostB.env.dataDir);
    // Only the model file's envelope matters here: it is moved, not used.
    const model = { format: 'hub-router/1', version: 'm-20261206-shared' } as unknown as RouterModelJson;
    storeA.save(model, { activate: true });
    await pushModel(hostA, storeA, model.version);
    expect(storeB.activeVersion()).toBeNull();
    expect(await pullActiveModel(hostB, storeB)).toBe(true);
    expect(storeB.activeVersion()).toBe('m-20261206-shared');
    expect(storeB.load('m-20261206-shared').version).toBe('m-20261206-shared');
    expect(await pullActiveModel(hostB, storeB)).toBe(false);
  });

  it('serves on host B the rejects report a worker on host A wrote', async () => {
    const dir = join(hostA.env.dataDir, 'rejects');
    mkdirSync(dir, { recursive: true });
    const pathA = join(dir, '7-话务导出.csv.rejects.csv');
    writeFileSync(pathA, '\ufeff行号,原因,原始内容\n3,缺少诉求内容,"A3,"\n');
    await shareRejectsReport(hostA, pathA);
    const content = readFileSync(pathA);
    rmSync(pathA); // host B cannot see host A's disk
    const onB = await rejectsReportFile(hostB, pathA);
    expect(onB?.startsWith(hostB.env.dataDir)).toBe(true);
    expect(readFileSync(onB!).equals(content)).toBe(true);
    expect(await rejectsReportFile(hostB, join(dir, 'none.rejects.csv'))).toBeNull();
  });
});
