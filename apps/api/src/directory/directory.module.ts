import { Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller';

/** Read-only lists of units, categories, regions and sources for the console. */
@Module({ controllers: [DirectoryController] })
export class DirectoryModule {}
