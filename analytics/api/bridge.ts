import type { ChannelName, RequestOf, ResponseOf } from './channels';
import type { ProgressEvent } from './progress';
import type { Result } from './result';

/**
 * What the renderer sees as `window.analyst`. The desktop preload and the browser-mode client both
 * implement it, so the UI cannot tell which host it runs on except through `mode`.
 */
export interface AnalystBridge {
  readonly mode: 'desktop' | 'browser';
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Subscribe to progress of long jobs; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /**
   * Turn user-chosen files into paths the analytics host can read: the desktop shell opens a native
   * dialog; browser mode uploads the picked File objects to the loopback host.
   */
  pickFiles(files?: readonly PickedFile[]): Promise<Result<string[]>>;
}

/** A browser `File` (a Blob with a name); declared here so the contract needs no DOM types. */
export interface PickedFile extends Blob {
  readonly name: string;
}
