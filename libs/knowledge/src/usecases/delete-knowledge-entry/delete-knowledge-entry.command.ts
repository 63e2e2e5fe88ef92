import { IsInt, IsObject, Min } from 'class-validator';
import type { KnowledgeEditor } from '../../knowledge-actor';

export class DeleteKnowledgeEntryCommand {
  @IsInt() @Min(1) id!: number;
  @IsObject() editor!: KnowledgeEditor;
}
