import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FileResponse } from '../response-fields';
import {
  AuditEntry,
  ClusterView,
  ImportsOverview,
  IntakeItemPage,
  MailboxView,
  MailQueued,
  OutboxMail,
  QueueView,
  RerunQueued,
  RoutingRule,
  RuleDisabled,
  TaskView,
  UploadQueued,
  UserCreated,
  UserUnlocked,
  UserUpdated,
  UserView,
} from './admin.responses';
import type { Response } from 'express';
import { unlink } from 'fs/promises';
import { CreateUserUseCase, UnlockUserUseCase, UpdateUserUseCase } from '@hub/auth';
import { CreateRoutingRuleUseCase, DisableRoutingRuleUseCase, UpdateRoutingRuleUseCase } from '@hub/classification';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { rejectsReportFile, RerunIntakeItemUseCase, storeStreamedUpload } from '@hub/intake';
import { RetryMailUseCase } from '@hub/notify';
import { BullmqProducer, JOB_PRODUCER, QUEUE_NAMES, QueueUnavailableError } from '@hub/queue';
import { CurrentUser, Roles, SessionUser, WholeInstallation } from '../auth/auth.decorators';
import { answered } from '../auth/use-case-http';
import { CreateUserDto, RuleDto, UpdateUserDto, UploadDto } from './admin.dto';
import { AdminQueryService } from './admin-query.service';

const MAX_UPLOAD = 1024 * 1024 * 1024;

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
@Roles('admin', 'supervisor')
@WholeInstallation()
export class AdminController {
  constructor(
    private readonly query: AdminQueryService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(JOB_PRODUCER) private readonly jobs: BullmqProducer,
    private readonly rerunItem: RerunIntakeItemUseCase,
    private readonly createUserCase: CreateUserUseCase,
    private readonly updateUserCase: UpdateUserUseCase,
    private readonly unlockUserCase: UnlockUserUseCase,
    private readonly createRuleCase: CreateRoutingRuleUseCase,
    private readonly updateRuleCase: UpdateRoutingRuleUseCase,
    private readonly disableRuleCase: DisableRoutingRuleUseCase,
    private readonly retryMailCase: RetryMailUseCase,
  ) {}

  @ApiOkResponse({ type: IntakeItemPage })
  @Get('intake-items')
  @ApiOperation({ summary: 'Intake items (quarantined by default) with their reasons' })
  async intakeItems(@Query('status') status = 'quarantined', @Query('page') page = '1') {
    const { items, total } = await this.query.intakeItems(status, page);
    return { total, items };
  }

  @ApiAcceptedResponse({ type: RerunQueued })
  @Post('intake-items/:itemId/rerun')
  @HttpCode(202)
  @ApiOperation({ summary: 'Re-run a quarantined item from its raw bytes (after a fix)' })
  async rerun(@Param('itemId', ParseIntPipe) itemId: number) {
    return answered(this.rerunItem.execute({ intakeItemId: itemId }));
  }

  @ApiOkResponse({ type: MailboxView, isArray: true })
  @Get('mailboxes')
  @ApiOperation({ summary: 'Mailboxes and their health (never their passwords)' })
  mailboxes() {
    return this.query.mailboxes();
  }

  @ApiOperation({ summary: 'Export sources (sources.yaml) and the latest imported files' })
  @ApiOkResponse({ type: ImportsOverview })
  @Get('imports')
  @Roles('admin', 'supervisor', 'operator')
  imports() {
    return this.query.imports();
  }

  @FileResponse('text/csv', 'the rejected rows')
  @Get('imports/:importId/rejects')
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({ summary: "An import's rejects report: a CSV (UTF-8 with BOM) of each bad row's 行号, 原因 and 原始内容" })
  async rejects(@Param('importId', ParseIntPipe) importId: number, @Res() res: Response) {
    const file = await this.query.importFile(importId);
    if (!file) throw new NotFoundException(`import ${importId} not found`);
    // Written by a worker, maybe on another host: fetched from the shared bucket (HUB_STORAGE_URL) if need be.
    const path = file.rejectsPath ? await rejectsReportFile(this.config, file.rejectsPath) : null;
    if (!path) throw new NotFoundException(`import ${importId} (${file.fileName}) has no rejected rows`);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${file.fileName.replace(/\.[^.]*$/, '')}-拒绝行.csv`)}`);
    res.sendFile(path);
  }

  @ApiAcceptedResponse({ type: UploadQueued })
  @Post('imports')
  @Roles('admin', 'supervisor', 'operator')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: 'Upload a hotline export (CSV/XLSX; operators, supervisors, admins); imported by the worker, its progress and result in GET /api/admin/imports',
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD } }))
  async upload(@UploadedFile() file: { originalname: string; path: string } | undefined, @Body() body: UploadDto) {
    if (!file) throw new BadRequestException('file is required (multipart field "file")');
    if (!this.config.sources.sources.some((s) => s.name === body.source)) {
      await unlink(file.path).catch(() => undefined);
      throw new BadRequestException(`unknown export source ${body.source}; sources.yaml lists: ${this.config.sources.sources.map((s) => s.name).join(', ')}`);
    }
    const originalName = Buffer.from(file.originalname, 'latin1').toString('utf8');
    // Multer streamed it to disk as it arrived (admin.module: disk storage); here it is only moved (and shared, with a bucket).
    const upload = await storeStreamedUpload(this.config, originalName, body.source, file.path);
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
  users() {
    return this.query.users();
  }

  @ApiOperation({ summary: 'Create a console account (a unit user needs its units)' })
  @ApiCreatedResponse({ type: UserCreated })
  @Post('users')
  @Roles('admin')
  createUser(@Body() b: CreateUserDto) {
    return answered(this.createUserCase.execute({ ...b }));
  }

  @ApiOperation({ summary: 'Lift the login pauses on an account (failed logins from anywhere)' })
  @ApiOkResponse({ type: UserUnlocked })
  @Post('users/:userId/unlock')
  @HttpCode(200)
  @Roles('admin')
  unlockUser(@Param('userId', ParseIntPipe) userId: number) {
    return answered(this.unlockUserCase.execute({ userId }));
  }

  @ApiOperation({
    summary: 'Change an account; deactivating it or setting a password ends its sessions (a password set here must be changed at the next login)',
  })
  @ApiOkResponse({ type: UserUpdated })
  @Patch('users/:userId')
  @Roles('admin')
  updateUser(@Param('userId', ParseIntPipe) userId: number, @Body() b: UpdateUserDto) {
    return answered(this.updateUserCase.execute({ ...b, userId }));
  }

  @ApiOperation({ summary: 'Routing rules, highest priority first' })
  @ApiOkResponse({ type: RoutingRule, isArray: true })
  @Get('rules')
  rules() {
    return this.query.rules();
  }

  @ApiOperation({ summary: 'Add a routing rule' })
  @ApiCreatedResponse({ type: RoutingRule })
  @Post('rules')
  createRule(@CurrentUser() user: SessionUser, @Body() b: RuleDto) {
    return answered(this.createRuleCase.execute({ ...b, by: user.username }));
  }

  @ApiOperation({ summary: 'Change a routing rule (its version goes up)' })
  @ApiOkResponse({ type: RoutingRule })
  @Patch('rules/:ruleId')
  updateRule(@CurrentUser() user: SessionUser, @Param('ruleId', ParseIntPipe) ruleId: number, @Body() b: RuleDto) {
    return answered(this.updateRuleCase.execute({ ...b, ruleId, by: user.username }));
  }

  @ApiOperation({ summary: 'Disable a routing rule (kept, so past decisions can still be explained)' })
  @ApiOkResponse({ type: RuleDisabled })
  @Delete('rules/:ruleId')
  deleteRule(@CurrentUser() user: SessionUser, @Param('ruleId', ParseIntPipe) ruleId: number) {
    return answered(this.disableRuleCase.execute({ ruleId, by: user.username }));
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
      out.push({
        name,
        counts,
        recentFailures: failed.map((j) => ({ id: j.id, name: j.name, reason: j.failedReason, at: j.finishedOn ? new Date(j.finishedOn) : null })),
      });
    }
    return out;
  }

  @ApiOperation({ summary: 'Outgoing mail (failed by default), without the bodies' })
  @ApiOkResponse({ type: OutboxMail, isArray: true })
  @Get('outbox')
  outbox(@Query('status') status = 'failed') {
    return this.query.outbox(status);
  }

  @ApiOperation({ summary: 'Send a failed mail again' })
  @ApiAcceptedResponse({ type: MailQueued })
  @Post('outbox/:mailId/retry')
  @HttpCode(202)
  retryMail(@Param('mailId', ParseIntPipe) mailId: number) {
    return answered(this.retryMailCase.execute({ mailId }));
  }

  @ApiOperation({ summary: 'The audit log, newest first, 100 a page' })
  @ApiOkResponse({ type: AuditEntry, isArray: true })
  @Get('audit')
  @Roles('admin')
  audit(@Query('page') page = '1') {
    return this.query.audit(page);
  }

  @ApiOkResponse({ type: ClusterView, isArray: true })
  @Get('clusters')
  @ApiOperation({ summary: 'Collective matters and hot topics flagged by the router' })
  clusters() {
    return this.query.clusters();
  }
}

/** Follow-up (回访) and call-back tasks for operators. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/tasks')
@Roles('operator', 'supervisor', 'admin')
export class TasksController {
  constructor(private readonly query: AdminQueryService) {}

  @ApiOperation({ summary: 'Call-back and follow-up (回访) tasks, open ones by default, soonest due first' })
  @ApiOkResponse({ type: TaskView, isArray: true })
  @Get()
  list(@CurrentUser() user: SessionUser, @Query('kind') kind?: string, @Query('status') status = 'open') {
    return this.query.tasks(user, kind, status);
  }
}
