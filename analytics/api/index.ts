export * from './result';
export * from './progress';
export * from './domain';
export * from './channels';
export * from './import-mapping';
export type { AnalystBridge, PickedFile } from './bridge';
