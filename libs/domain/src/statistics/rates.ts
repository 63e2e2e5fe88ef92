/**
 * The rates offices are judged by (响应率, 三率 …), in the order every report and the console's
 * dashboard show them. How each is computed is libs/reporting's business; the names are here so
 * the console shows the same words as the reports.
 */
export const RATE_KEYS = ['responseRate', 'feedbackRate', 'completionRate', 'onTimeRate', 'satisfactionRate', 'resolutionRate'] as const;
export type RateKey = (typeof RATE_KEYS)[number];
export const RATE_LABELS: Record<RateKey, string> = {
  responseRate: '响应率',
  feedbackRate: '反馈率',
  completionRate: '办结率',
  onTimeRate: '按期办结率',
  satisfactionRate: '满意率',
  resolutionRate: '解决率',
};
