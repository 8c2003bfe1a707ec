export * from './result';
export * from './progress';
export * from './domain';
export * from './channels';
export type { AnalystBridge, PickedFile } from './bridge';
