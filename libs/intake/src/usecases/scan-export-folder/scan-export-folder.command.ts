import { IsNotEmpty, IsString } from 'class-validator';

export class ScanExportFolderCommand {
  /** The export source in sources.yaml whose watch folder is looked at. */
  @IsString() @IsNotEmpty() source!: string;
}
