export const ROLES = ['operator', 'unit', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
