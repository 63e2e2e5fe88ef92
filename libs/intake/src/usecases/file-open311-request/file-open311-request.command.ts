import { IsObject } from 'class-validator';

/** The POST parameters as the app sent them (form fields or JSON): the use case reads them as the spec names them. */
export class FileOpen311RequestCommand {
  @IsObject() params!: Record<string, unknown>;
}
