import type { Channel } from '@hub/domain';
import { DataSource } from 'typeorm';
import type { HubConfig } from '@hub/config';
import { CategoryEntity, RegionEntity, SourceEntity, UnitEntity } from './entities';

/** Names of the hotline lines the demo and most offices use; export rows may name others. */
export const DEFAULT_LINES = ['省长公开电话', '市长公开电话', '区长公开电话', '12345热线'];

/**
 * Mirrors the configuration's directory (units, categories, regions, sources) into the database,
 * so tickets can refer to rows and reports can join. Idempotent: adds and updates, never deletes
 * (old tickets keep pointing at retired units, which are marked inactive).
 */
export async function syncDirectory(ds: DataSource, config: HubConfig): Promise<{ units: number; sources: number }> {
  await ds.transaction(async (m) => {
    const units = m.getRepository(UnitEntity);
    const existing = new Map((await units.find()).map((u) => [u.name, u]));
    const wanted = new Set(config.units.units.map((u) => u.name));
    for (const u of config.units.units) {
      const row = existing.get(u.name) ?? units.create({ name: u.name });
      Object.assign(row, {
        kind: u.kind,
        region: u.region ?? null,
        email: u.email,
        active: true,
        tier: u.tier ?? null,
        desk: Boolean(u.desk),
        regions: u.regions?.length ? u.regions : null,
      });
      existing.set(u.name, await units.save(row));
    }
    // The hierarchy, once every unit has its id (a parent may be listed after its children).
    for (const u of config.units.units) {
      const row = existing.get(u.name) as UnitEntity;
      const parentId = u.parent ? (existing.get(u.parent)?.id ?? null) : null;
      if (row.parentId !== parentId) await units.update(row.id, { parentId });
    }
    for (const [name, row] of existing) if (!wanted.has(name) && row.active) await units.update(row.id, { active: false });

    const cats = m.getRepository(CategoryEntity);
    const existingCats = new Map((await cats.find()).map((c) => [c.path, c]));
    for (const c of config.taxonomy.categories) {
      const [level1, level2] = c.path.split('/');
      const row = existingCats.get(c.path) ?? cats.create({ path: c.path });
      Object.assign(row, { level1, level2, unitTemplate: c.unit ?? null, directAnswer: Boolean(c.directAnswer) });
      await cats.save(row);
    }
    const regions = m.getRepository(RegionEntity);
    const existingRegions = new Map((await regions.find()).map((r) => [r.name, r]));
    for (const r of config.regions.regions) {
      const row = existingRegions.get(r.name) ?? regions.create({ name: r.name });
      row.kind = r.kind;
      await regions.save(row);
    }
    const sources = m.getRepository(SourceEntity);
    const wantedSources: Array<{ name: string; channel: Channel }> = [
      ...config.mailboxes.mailboxes.map((mb) => ({ name: mb.name, channel: 'mailbox' as const })),
      ...['省长信箱', '市长信箱'].map((name) => ({ name, channel: 'mailbox' as const })),
      ...DEFAULT_LINES.map((name) => ({ name, channel: 'hotline' as const })),
      ...config.sources.sources.filter((s) => s.line).map((s) => ({ name: s.line as string, channel: 'hotline' as const })),
      { name: '网上信访', channel: 'web' as const },
    ];
    for (const s of wantedSources) {
      if (!(await sources.findOneBy({ name: s.name }))) await sources.save(sources.create({ ...s, active: true }));
    }
  });
  return { units: await ds.getRepository(UnitEntity).count(), sources: await ds.getRepository(SourceEntity).count() };
}

/** Finds a source by name, creating it on first sight (a new hotline line in an export). */
export async function ensureSource(ds: DataSource, name: string, channel: Channel): Promise<SourceEntity> {
  const repo = ds.getRepository(SourceEntity);
  const found = await repo.findOneBy({ name });
  if (found) return found;
  try {
    return await repo.save(repo.create({ name, channel, active: true }));
  } catch {
    return repo.findOneByOrFail({ name });
  }
}
