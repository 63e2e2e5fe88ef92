/** What a suspended ticket (中止) waits for. */
export const SUSPENSION_GROUNDS = ['requester', 'court', 'authority', 'other'] as const;
export type SuspensionGround = (typeof SUSPENSION_GROUNDS)[number];
export const SUSPENSION_GROUND_LABELS: Record<SuspensionGround, string> = {
  requester: '等待诉求人补充材料或配合',
  court: '等待司法程序结果',
  authority: '等待其他机关处理结果',
  other: '其他',
};

/** A pause as people say it: `2天3小时`, `5小时20分钟`, `不足1分钟`. */
export function humanPause(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [days ? `${days}天` : '', hours ? `${hours}小时` : '', !days && mins ? `${mins}分钟` : ''].filter(Boolean);
  return parts.length ? parts.join('') : '不足1分钟';
}
