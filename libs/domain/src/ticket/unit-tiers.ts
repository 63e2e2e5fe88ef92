/**
 * The levels of the unit hierarchy (units.yaml `tier`): the city's departments, a district
 * (区/县) government or bureau, a street office (街道/乡镇), a community (社区/村).
 */
export const UNIT_TIERS = ['city', 'district', 'street', 'community'] as const;
export type UnitTier = (typeof UNIT_TIERS)[number];
export const UNIT_TIER_LABELS: Record<UnitTier, string> = {
  city: '市级',
  district: '区县级',
  street: '街道/乡镇',
  community: '社区/村',
};

/** What happens on a ticket below a desk unit (二级派单), as the timeline names it. */
export const SUB_DISPATCH_EVENTS = ['sub_dispatched', 'sub_acknowledged', 'sub_returned', 'sub_replied', 'sub_reply_forwarded', 'sub_reply_sent_back'] as const;
export type SubDispatchEvent = (typeof SUB_DISPATCH_EVENTS)[number];
export const SUB_DISPATCH_EVENT_LABELS: Record<SubDispatchEvent, string> = {
  sub_dispatched: '二级派单',
  sub_acknowledged: '下级签收',
  sub_returned: '下级退单',
  sub_replied: '下级办结反馈',
  sub_reply_forwarded: '上报下级反馈',
  sub_reply_sent_back: '退回下级重办',
};
