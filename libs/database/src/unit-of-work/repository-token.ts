import type { EntityManager } from 'typeorm';

/**
 * Names one repository and how to build its real (TypeORM) implementation over an
 * EntityManager. A use case asks its transaction for `tx.get(TICKETS)`; an in-memory unit of
 * work in a spec hands out the in-memory implementation registered under the same token.
 * Adding a repository touches its own file only: no central registry to edit.
 */
export interface RepositoryToken<R> {
  readonly name: string;
  readonly typeorm: (m: EntityManager) => R;
}

export function repositoryToken<R>(name: string, typeorm: (m: EntityManager) => R): RepositoryToken<R> {
  return Object.freeze({ name, typeorm });
}
