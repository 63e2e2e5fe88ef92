import { Module } from '@nestjs/common';
import { ConfirmZeroReportUseCase, ListZeroReportsUseCase } from '@hub/reporting';
import { ZeroReportsController } from './zero-reports.controller';

/** 零报告: confirmed by units, listed for supervisors. */
@Module({ controllers: [ZeroReportsController], providers: [ListZeroReportsUseCase, ConfirmZeroReportUseCase] })
export class ZeroReportsModule {}
