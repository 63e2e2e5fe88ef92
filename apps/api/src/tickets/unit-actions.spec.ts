import { actionsForUnit } from './unit-actions';

const at = new Date('2026-11-29T02:00:00Z');

describe('the actions a unit user is offered', () => {
  it('offers the lead unit what the status allows it, and none of the desk actions', () => {
    expect(actionsForUnit('dispatched', [{ role: 'lead', acknowledgedAt: null, repliedAt: null }])).toEqual(['acknowledge', 'return']);
    expect(actionsForUnit('acknowledged', [{ role: 'lead', acknowledgedAt: at, repliedAt: null }]).sort()).toEqual([
      'reply',
      'request_extension',
      'request_suspension',
      'return',
    ]);
    // 中止: the unit asks and may resume itself; approving is the desk's.
    expect(actionsForUnit('suspended', [{ role: 'lead', acknowledgedAt: at, repliedAt: null }])).toEqual(['resume']);
    expect(actionsForUnit('suspension_requested', [{ role: 'lead', acknowledgedAt: at, repliedAt: null }])).toEqual([]);
  });

  it('offers an assisting unit its own 签收, then its own 反馈, and never 退单 or 延期', () => {
    // the lead has signed: the ticket is acknowledged, but the assisting unit has not
    expect(actionsForUnit('acknowledged', [{ role: 'assist', acknowledgedAt: null, repliedAt: null }])).toEqual(['acknowledge']);
    expect(actionsForUnit('acknowledged', [{ role: 'assist', acknowledgedAt: at, repliedAt: null }])).toEqual(['reply']);
    expect(actionsForUnit('replied', [{ role: 'assist', acknowledgedAt: at, repliedAt: at }])).toEqual([]);
  });

  it('offers a lower unit under a desk (二级派单) its own 签收, 退单 and 反馈', () => {
    // The desk has signed, so the ticket is acknowledged; the unit below it has not.
    expect(actionsForUnit('acknowledged', [{ role: 'sub', acknowledgedAt: null, repliedAt: null }])).toEqual(['acknowledge', 'return']);
    expect(actionsForUnit('acknowledged', [{ role: 'sub', acknowledgedAt: at, repliedAt: null }])).toEqual(['return', 'reply']);
    expect(actionsForUnit('acknowledged', [{ role: 'sub', acknowledgedAt: at, repliedAt: at }])).toEqual([]);
  });

  it('offers nothing to a unit that no longer holds the ticket', () => {
    expect(actionsForUnit('dispatched', [])).toEqual([]);
  });
});
