import { UPSTREAM_SYNC_LABELS, upstreamSyncStatus } from './upstream-sync';

describe('upstream sync status', () => {
  it('is synced when every push-back arrived, pending while one is on its way, failed when one was given up', () => {
    expect(upstreamSyncStatus([])).toBe('synced');
    expect(upstreamSyncStatus([{ status: 'delivered' }, { status: 'delivered' }])).toBe('synced');
    expect(upstreamSyncStatus([{ status: 'delivered' }, { status: 'sending' }])).toBe('pending');
    expect(upstreamSyncStatus([{ status: 'pending' }, { status: 'failed' }])).toBe('failed');
    expect(UPSTREAM_SYNC_LABELS.failed).toBe('同步失败');
  });
});
