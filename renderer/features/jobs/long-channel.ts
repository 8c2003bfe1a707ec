import type { ChannelName, Channels, RequestOf } from '../../../analytics/api';

/** Channels that run as cancellable jobs with progress (`long: true` in the contract). */
export type LongChannel = {
  [C in ChannelName]: Channels[C] extends { readonly long: true } ? C : never;
}[ChannelName];

/** A long channel's request without the job id, which the job runner chooses. */
export type JobRequest<C extends LongChannel> = Omit<RequestOf<C>, 'jobId'>;

/** What the progress bar names: a host job, or the upload that precedes an import in browser mode. */
export type JobKind = LongChannel | 'upload';
