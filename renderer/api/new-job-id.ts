let counter = 0;

/** Client-chosen id of a long job: unique within this window, readable in host logs. */
export function newJobId(kind: string): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 8);
  return `${kind}-${Date.now().toString(36)}-${counter}-${random}`;
}
