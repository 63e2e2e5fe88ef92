import {
  BadRequestException, Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, ParseIntPipe, Patch, Post, Query, Res,
  UploadedFile, UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FileResponse } from '../response-fields';
import {
  AuditEntry, ClusterView, ImportsOverview, IntakeItemPage, MailboxView, MailQueued, OutboxMail, QueueView, RerunQueued, RoutingRule, RuleDisabled,
  TaskView, UploadQueued, UserCreated, UserUpdated, UserView,
} from './admin.responses';
import type { Response } from 'express';
import { existsSync } from 'fs';
import { DataSource, In } from 'typeorm';
import { hashPassword } from '@hub/auth';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import {
  AuditLogEntity, ClusterEntity, ImportFileEntity, IntakeItemEntity, MailboxStateEntity, OutgoingMailEntity, RoutingRuleEntity, TaskEntity,
  TicketEntity, UnitEntity, UserEntity,
} from '@hub/database';
import { saveUpload } from '@hub/intake';
import { BullmqProducer, JOB_PRODUCER, QUEUE_NAMES, QueueUnavailableError } from '@hub/queue';
import { ticketNumber } from '@hub/tickets';
import { CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { CreateUserDto, RuleDto, UpdateUserDto, UploadDto } from './admin.dto';

const MAX_UPLOAD = 1024 * 1024 * 1024;

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
@Roles('admin', 'supervisor')
export class AdminController {
  constructor(
    private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(JOB_PRODUCER) private readonly jobs: BullmqProducer,
  ) {}

  @ApiOkResponse({ type: IntakeItemPage })
  @Get('intake-items')
  @ApiOperation({ summary: 'Intake items (quarantined by default) with their reasons' })
  async intakeItems(@Query('status') status = 'quarantined', @Query('page') page = '1') {
    const take = 50;
    const [items, total] = await this.ds.getRepository(IntakeItemEntity).findAndCount({
      where: status === 'all' ? {} : { status }, order: { id: 'DESC' }, take, skip: (Math.max(1, Number(page)) - 1) * take,
    });
    return { total, items };
  }

  @ApiAcceptedResponse({ type: RerunQueued })
  @Post('intake-items/:itemId/rerun')
  @HttpCode(202)
  @ApiOperation({ summary: 'Re-run a quarantined item from its raw bytes (after a fix)' })
  async rerun(@Param('itemId', ParseIntPipe) itemId: number) {
    const item = await this.ds.getRepository(IntakeItemEntity).findOneBy({ id: itemId });
    if (!item) throw new NotFoundException(`intake item ${itemId} not found`);
    await this.jobs.add('intake-reparse', { intakeItemId: itemId });
    return { queued: true, intakeItemId: itemId };
  }

  @ApiOkResponse({ type: MailboxView, isArray: true })
  @Get('mailboxes')
  @ApiOperation({ summary: 'Mailboxes and their health (never their passwords)' })
  async mailboxes() {
    const states = await this.ds.getRepository(MailboxStateEntity).find();
    return this.config.mailboxes.mailboxes.map((m) => ({
      name: m.name, host: m.host, port: m.port, user: m.user, folder: m.folder, idle: m.idle, pollIntervalSeconds: m.pollIntervalSeconds,
      state: states.find((s) => s.mailbox === m.name) ?? null,
    }));
  }

  @ApiOperation({ summary: 'Export sources (sources.yaml) and the latest imported files' })
  @ApiOkResponse({ type: ImportsOverview })
  @Get('imports')
  async imports() {
    const rows = await this.ds.getRepository(ImportFileEntity).find({ order: { id: 'DESC' }, take: 100 });
    return { sources: this.config.sources.sources.map((s) => ({ name: s.name, watch: s.watch ?? null, line: s.line ?? null })), imports: rows };
  }

  @FileResponse('text/csv', 'the rejected rows')
  @Get('imports/:importId/rejects')
  @ApiOperation({ summary: "An import's rejects report: a CSV (UTF-8 with BOM) of each bad row's 行号, 原因 and 原始内容" })
  async rejects(@Param('importId', ParseIntPipe) importId: number, @Res() res: Response) {
    const file = await this.ds.getRepository(ImportFileEntity).findOneBy({ id: importId });
    if (!file) throw new NotFoundException(`import ${importId} not found`);
    if (!file.rejectsPath || !existsSync(file.rejectsPath)) throw new NotFoundException(`import ${importId} (${file.fileName}) has no rejected rows`);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${file.fileName.replace(/\.[^.]*$/, '')}-拒绝行.csv`)}`);
    res.sendFile(file.rejectsPath);
  }

  @ApiAcceptedResponse({ type: UploadQueued })
  @Post('imports')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload a hotline export (CSV/XLSX); imported by the worker, progress in the job' })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD } }))
  async upload(@UploadedFile() file: { originalname: string; buffer: Buffer } | undefined, @Body() body: UploadDto) {
    if (!file) throw new BadRequestException('file is required (multipart field "file")');
    if (!this.config.sources.sources.some((s) => s.name === body.source)) {
      throw new BadRequestException(`unknown export source ${body.source}; sources.yaml lists: ${this.config.sources.sources.map((s) => s.name).join(', ')}`);
    }
    const originalName = Buffer.from(file.originalname, 'latin1').toString('utf8');
    const upload = saveUpload(this.config.env.dataDir, originalName, body.source, file.buffer);
    // Redis away: the file is kept with its source, and the worker's upload sweep queues it.
    await this.jobs.add('export-import', upload).catch((e: Error) => {
      if (!(e instanceof QueueUnavailableError)) throw e;
    });
    return { queued: true, file: originalName };
  }

  @ApiOperation({ summary: 'Console accounts with their units (never their password hashes)' })
  @ApiOkResponse({ type: UserView, isArray: true })
  @Get('users')
  @Roles('admin')
  async users() {
    const users = await this.ds.getRepository(UserEntity).find({ relations: { units: true }, order: { id: 'ASC' } });
    return users.map(({ passwordHash: _h, ...u }) => ({ ...u, units: u.units.map((x) => ({ id: x.id, name: x.name })) }));
  }

  @ApiOperation({ summary: 'Create a console account (a unit user needs its units)' })
  @ApiCreatedResponse({ type: UserCreated })
  @Post('users')
  @Roles('admin')
  async createUser(@Body() b: CreateUserDto) {
    const repo = this.ds.getRepository(UserEntity);
    if (await repo.findOneBy({ username: b.username })) throw new BadRequestException(`username ${b.username} is taken`);
    if (b.role === 'unit' && !b.unitIds?.length) throw new BadRequestException('a unit user needs unitIds (the units it works for)');
    const units = b.unitIds?.length ? await this.ds.getRepository(UnitEntity).findBy({ id: In(b.unitIds) }) : [];
    const u = await repo.save(repo.create({
      username: b.username, displayName: b.displayName, role: b.role, passwordHash: await hashPassword(b.password), email: b.email ?? null,
      active: true, failedLogins: 0, lockedUntil: null, lastLoginAt: null, units,
    }));
    return { id: u.id, username: u.username };
  }

  @ApiOperation({ summary: 'Change an account; deactivating it or setting a password ends its sessions' })
  @ApiOkResponse({ type: UserUpdated })
  @Patch('users/:userId')
  @Roles('admin')
  async updateUser(@Param('userId', ParseIntPipe) userId: number, @Body() b: UpdateUserDto) {
    const repo = this.ds.getRepository(UserEntity);
    const u = await repo.findOne({ where: { id: userId }, relations: { units: true } });
    if (!u) throw new NotFoundException(`user ${userId} not found`);
    if (b.displayName !== undefined) u.displayName = b.displayName;
    if (b.role !== undefined) u.role = b.role;
    if (b.active !== undefined) u.active = b.active;
    if (b.password) u.passwordHash = await hashPassword(b.password);
    if (b.unitIds) u.units = await this.ds.getRepository(UnitEntity).findBy({ id: In(b.unitIds) });
    await repo.save(u);
    if (b.active === false || b.password) await this.ds.query('DELETE FROM auth_sessions WHERE userId = ?', [userId]);
    return { id: u.id, updated: true };
  }

  @ApiOperation({ summary: 'Routing rules, highest priority first' })
  @ApiOkResponse({ type: RoutingRule, isArray: true })
  @Get('rules')
  async rules() {
    return this.ds.getRepository(RoutingRuleEntity).find({ order: { priority: 'DESC', id: 'ASC' } });
  }

  @ApiOperation({ summary: 'Add a routing rule' })
  @ApiCreatedResponse({ type: RoutingRule })
  @Post('rules')
  async createRule(@CurrentUser() user: SessionUser, @Body() b: RuleDto) {
    const repo = this.ds.getRepository(RoutingRuleEntity);
    return repo.save(repo.create({ ...b, priority: b.priority ?? 100, enabled: b.enabled ?? true, version: 1, updatedBy: user.username }));
  }

  @ApiOperation({ summary: 'Change a routing rule (its version goes up)' })
  @ApiOkResponse({ type: RoutingRule })
  @Patch('rules/:ruleId')
  async updateRule(@CurrentUser() user: SessionUser, @Param('ruleId', ParseIntPipe) ruleId: number, @Body() b: RuleDto) {
    const repo = this.ds.getRepository(RoutingRuleEntity);
    const r = await repo.findOneBy({ id: ruleId });
    if (!r) throw new NotFoundException(`rule ${ruleId} not found`);
    Object.assign(r, b, { version: r.version + 1, updatedBy: user.username });
    return repo.save(r);
  }

  @ApiOperation({ summary: 'Disable a routing rule (kept, so past decisions can still be explained)' })
  @ApiOkResponse({ type: RuleDisabled })
  @Delete('rules/:ruleId')
  async deleteRule(@CurrentUser() user: SessionUser, @Param('ruleId', ParseIntPipe) ruleId: number) {
    // Rules are disabled, not deleted, so past decisions can still be explained.
    const repo = this.ds.getRepository(RoutingRuleEntity);
    const r = await repo.findOneBy({ id: ruleId });
    if (!r) throw new NotFoundException(`rule ${ruleId} not found`);
    await repo.update(ruleId, { enabled: false, version: r.version + 1, updatedBy: user.username });
    return { disabled: true };
  }

  @ApiOkResponse({ type: QueueView, isArray: true })
  @Get('queues')
  @ApiOperation({ summary: 'The queue dashboard: jobs per queue and state, recent failures' })
  async queues() {
    const out = [];
    for (const name of QUEUE_NAMES) {
      const q = this.jobs.queues[name];
      const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
      const failed = await q.getFailed(0, 4);
      out.push({ name, counts, recentFailures: failed.map((j) => ({ id: j.id, name: j.name, reason: j.failedReason, at: j.finishedOn ? new Date(j.finishedOn) : null })) });
    }
    return out;
  }

  @ApiOperation({ summary: 'Outgoing mail (failed by default), without the bodies' })
  @ApiOkResponse({ type: OutboxMail, isArray: true })
  @Get('outbox')
  async outbox(@Query('status') status = 'failed') {
    return this.ds.getRepository(OutgoingMailEntity).find({
      where: status === 'all' ? {} : { status }, order: { id: 'DESC' }, take: 100,
      select: ['id', 'kind', 'to', 'subject', 'status', 'attempts', 'lastError', 'createdAt', 'sentAt', 'ticketId'],
    });
  }

  @ApiOperation({ summary: 'Send a failed mail again' })
  @ApiAcceptedResponse({ type: MailQueued })
  @Post('outbox/:mailId/retry')
  @HttpCode(202)
  async retryMail(@Param('mailId', ParseIntPipe) mailId: number) {
    const repo = this.ds.getRepository(OutgoingMailEntity);
    const m = await repo.findOneBy({ id: mailId });
    if (!m) throw new NotFoundException(`mail ${mailId} not found`);
    // A mail being sent right now is left to its sender: making it pending would let a second one send it too.
    if (m.status === 'failed' || m.status === 'pending') await repo.update(mailId, { status: 'pending', attempts: 0, nextAttemptAt: new Date() });
    await this.jobs.add('mail-send', { outboxId: mailId });
    return { queued: true };
  }

  @ApiOperation({ summary: 'The audit log, newest first, 100 a page' })
  @ApiOkResponse({ type: AuditEntry, isArray: true })
  @Get('audit')
  @Roles('admin')
  async audit(@Query('page') page = '1') {
    const take = 100;
    return this.ds.getRepository(AuditLogEntity).find({ order: { id: 'DESC' }, take, skip: (Math.max(1, Number(page)) - 1) * take });
  }

  @ApiOkResponse({ type: ClusterView, isArray: true })
  @Get('clusters')
  @ApiOperation({ summary: 'Collective matters and hot topics flagged by the router' })
  async clusters() {
    const rows = await this.ds.getRepository(ClusterEntity).find({ order: { lastAt: 'DESC' }, take: 100 });
    const tickets = rows.length ? await this.ds.getRepository(TicketEntity).find({ where: { clusterId: In(rows.map((r) => r.id)) }, select: ['id', 'clusterId', 'receivedAt', 'status'] }) : [];
    return rows.map((c) => ({
      ...c, tickets: tickets.filter((t) => t.clusterId === c.id).map((t) => ({ id: t.id, number: ticketNumber(this.config.env.ticketPrefix, t), status: t.status })),
    }));
  }
}

/** Follow-up (回访) and call-back tasks for operators. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/tasks')
@Roles('operator', 'supervisor', 'admin')
export class TasksController {
  constructor(private readonly ds: DataSource, @Inject(HUB_CONFIG) private readonly config: HubConfig) {}

  @ApiOperation({ summary: 'Call-back and follow-up (回访) tasks, open ones by default, soonest due first' })
  @ApiOkResponse({ type: TaskView, isArray: true })
  @Get()
  async list(@Query('kind') kind?: string, @Query('status') status = 'open') {
    const rows = await this.ds.getRepository(TaskEntity).find({
      where: { ...(kind ? { kind } : {}), ...(status === 'all' ? {} : { status }) }, order: { dueAt: 'ASC' }, take: 200,
    });
    const tickets = rows.length ? await this.ds.getRepository(TicketEntity).find({ where: { id: In(rows.map((r) => r.ticketId)) } }) : [];
    return rows.map((r) => {
      const t = tickets.find((x) => x.id === r.ticketId);
      return { ...r, ticket: t ? { id: t.id, number: ticketNumber(this.config.env.ticketPrefix, t), status: t.status, summary: t.text.slice(0, 80), channel: t.channel } : null };
    });
  }
}
