import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DirectoryCategory, DirectoryRegion, DirectorySource, DirectoryUnit } from './directory.responses';
import { DIRECTORY, UnitOfWork } from '@hub/database';

/**
 * The directory the console needs for its selects (units to dispatch to, categories, regions,
 * sources). Read from the database mirror of the configuration, so ids match the tickets.
 * Not secret: every logged-in user may read it (the global guard still requires a login).
 */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('api')
export class DirectoryController {
  constructor(private readonly uow: UnitOfWork) {}

  private get directory() {
    return this.uow.read(DIRECTORY);
  }

  @ApiOkResponse({ type: DirectoryUnit, isArray: true })
  @Get('units')
  @ApiOperation({ summary: 'Active handling units (承办单位)' })
  async units() {
    const rows = await this.directory.activeUnits();
    return rows.map((u) => ({ id: u.id, name: u.name, kind: u.kind, region: u.region, parentId: u.parentId, tier: u.tier, desk: u.desk }));
  }

  @ApiOkResponse({ type: DirectoryCategory, isArray: true })
  @Get('categories')
  @ApiOperation({ summary: 'Two-level categories with their unit template and whether operators answer them directly' })
  async categories() {
    const rows = await this.directory.categories();
    return rows.map((c) => ({ path: c.path, level1: c.level1, level2: c.level2, unit: c.unitTemplate, directAnswer: c.directAnswer }));
  }

  @ApiOkResponse({ type: DirectoryRegion, isArray: true })
  @Get('regions')
  @ApiOperation({ summary: 'Districts and counties' })
  async regions() {
    const rows = await this.directory.regions();
    return rows.map((r) => ({ name: r.name, kind: r.kind }));
  }

  @ApiOkResponse({ type: DirectorySource, isArray: true })
  @Get('sources')
  @ApiOperation({ summary: 'Intake sources: hotline lines and mailboxes' })
  async sources() {
    const rows = await this.directory.activeSources();
    return rows.map((s) => ({ id: s.id, name: s.name, channel: s.channel }));
  }
}
