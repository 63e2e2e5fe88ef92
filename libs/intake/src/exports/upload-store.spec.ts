import { existsSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { clearStaleIncomingUploads, incomingUploadDir, keepUpload, pendingUploads } from './upload-store';

describe('uploads streamed to disk', () => {
  it('keeps a received file as an upload the sweep finds, and drops only stale leftovers of cut-off uploads', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-upload-store-'));
    const incoming = incomingUploadDir(dataDir);
    writeFileSync(join(incoming, 'arrived'), 'a,b\n1,2\n');
    const kept = keepUpload(dataDir, '热线导出.csv', 'standard', join(incoming, 'arrived'));
    expect(existsSync(kept.uploadPath)).toBe(true);
    expect((await pendingUploads(dataDir, 0, Date.now() + 1000)).map((u) => u.originalName)).toEqual(['热线导出.csv']);
    writeFileSync(join(incoming, 'cut-off'), 'x');
    writeFileSync(join(incoming, 'arriving'), 'y');
    const old = new Date(Date.now() - 2 * 24 * 3600_000);
    utimesSync(join(incoming, 'cut-off'), old, old);
    expect(clearStaleIncomingUploads(dataDir)).toBe(1);
    expect(readdirSync(incoming)).toEqual(['arriving']);
  });
});
