/** A document kept in memory only: for a viewer that must leave the app's files alone, and tests. */
import type { DocumentStore } from './stores';

export class MemoryDocumentStore<T> implements DocumentStore<T> {
  private value: T;

  constructor(initial: T) {
    this.value = structuredClone(initial);
  }

  read(): T {
    return this.value;
  }

  write(value: T): void {
    this.value = structuredClone(value);
  }
}
