import type { Type } from '@nestjs/common';

/** Feature modules whose job handlers the worker hosts. */
export const WORKER_FEATURE_MODULES: Type<unknown>[] = [];
