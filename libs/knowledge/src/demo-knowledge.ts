import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import YAML from 'yaml';
import type { HubConfig } from '@hub/config';
import { KNOWLEDGE, UnitOfWork, UNITS } from '@hub/database';
import type { Clock } from '@hub/domain';
import { SaveKnowledgeEntryUseCase } from './usecases/save-knowledge-entry';

export interface DemoKnowledgeEntry {
  key: string;
  title: string;
  category?: string;
  unit?: string;
  questions: string[];
  answer: string;
  sourceUrl?: string;
}

/** The demo city's entries (`config/demo/knowledge.yaml`); none when the file is absent. */
export function readDemoKnowledge(configDir: string): DemoKnowledgeEntry[] {
  const file = join(configDir, 'demo', 'knowledge.yaml');
  if (!existsSync(file)) return [];
  const doc = YAML.parse(readFileSync(file, 'utf8')) as { entries?: DemoKnowledgeEntry[] };
  return doc.entries ?? [];
}

/**
 * Loads the demo entries into an empty knowledge base, published, kept by their units. Never in
 * production (NODE_ENV=production): a real centre starts from its own entries. The number loaded.
 */
export async function seedDemoKnowledge(uow: UnitOfWork, config: HubConfig, clock: Clock): Promise<number> {
  if (process.env.NODE_ENV === 'production') return 0;
  if ((await uow.read(KNOWLEDGE).list({ unitIds: null }, 1, 0)).total > 0) return 0;
  const units = await uow.read(UNITS).listAll();
  const save = new SaveKnowledgeEntryUseCase(uow, clock);
  let n = 0;
  for (const e of readDemoKnowledge(config.env.configDir)) {
    await save.execute({
      title: e.title,
      questions: e.questions,
      answer: e.answer,
      category: e.category ?? null,
      unitId: units.find((u) => u.name === e.unit)?.id ?? null,
      sourceUrl: e.sourceUrl ?? null,
      status: 'published',
      editor: { name: '演示数据', role: 'admin', unitIds: [] },
    });
    n++;
  }
  return n;
}
