/** Who edits the knowledge base: a unit user keeps its units' entries, an admin every entry; others read. */
export interface KnowledgeEditor {
  name: string;
  role: string;
  unitIds: number[];
}

/** The editor may not touch this entry (another unit's, or an operator): 403 with the reason. */
export class KnowledgeForbiddenError extends Error {
  readonly code = 'KNOWLEDGE_FORBIDDEN';
}

/** No entry of that id: 404. */
export class KnowledgeNotFoundError extends Error {
  readonly code = 'KNOWLEDGE_NOT_FOUND';
  constructor(id: number) {
    super(`找不到知识条目 ${id}（knowledge entry ${id} not found）`);
  }
}

/** The entry cannot be saved as asked (a wrong status move, validity reversed): 422. */
export class KnowledgeRefusedError extends Error {
  readonly code = 'ACTION_REFUSED';
}

/** Someone saved the entry meanwhile: 409, reload and edit again. */
export class KnowledgeConflictError extends Error {
  readonly code = 'KNOWLEDGE_CONFLICT';
  constructor(id: number) {
    super(`知识条目 ${id} 已被他人修改，请刷新后再改（knowledge entry ${id} was changed meanwhile）`);
  }
}

export function assertMayEdit(editor: KnowledgeEditor, unitId: number | null): void {
  if (editor.role === 'admin') return;
  if (editor.role !== 'unit') throw new KnowledgeForbiddenError('只有承办单位和管理员可以维护知识库（only units and admins edit the knowledge base）');
  if (unitId === null || !editor.unitIds.includes(unitId)) throw new KnowledgeForbiddenError('只能维护本单位的知识条目（a unit edits only its own entries）');
}
