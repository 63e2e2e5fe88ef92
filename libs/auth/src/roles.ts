/** leader (领导): writes 领导批示 and owns 包案 matters; reads every ticket, acts on none. */
export const ROLES = ['operator', 'unit', 'supervisor', 'admin', 'leader'] as const;
export type Role = (typeof ROLES)[number];
