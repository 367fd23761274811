/** Settings, server list, persistence and secret stores: the public surface of main/core/config. */
export * from './server';
export type { DocumentStore, SecretStore } from './stores';
export * from './settings';
export * from './migrations';
export * from './paths';
export * from './config-issues';
export { interpretConfigText, serializeConfig, type ConfigInterpretation } from './config-interpret';
export { salvageDocument, type SalvageResult } from './config-salvage';
export { ConfigFile, type ConfigFileOptions, type ConfigLoad } from './config-file';
export { JsonDocumentStore, type DocumentIssue, type JsonDocumentStoreOptions } from './json-document-store';
export { writeFileAtomic, readTextIfExists, PRIVATE_FILE_MODE } from './atomic-file';
export * from './server-id';
export * from './server-list';
export * from './server-secrets';
export { MemorySecretStore } from './secret-stores/memory-secret-store';
export {
  FileSecretStore,
  SECRETS_FILE_NAME,
  type FileSecretStoreOptions,
} from './secret-stores/file-secret-store';
export {
  LinuxSecretToolStore,
  type LinuxSecretToolStoreOptions,
} from './secret-stores/linux-secret-tool-store';
export { MacKeychainStore, type MacKeychainStoreOptions } from './secret-stores/mac-keychain-store';
export * from './secret-stores/choose-secret-store';
export * from './secret-stores/secret-store-error';
