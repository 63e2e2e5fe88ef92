import type { Type } from '@nestjs/common';

/** Feature modules the API serves (tickets, intake, stats, auth...). */
export const API_FEATURE_MODULES: Type<unknown>[] = [];
