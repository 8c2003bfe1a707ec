/**
 * Splits a byte stream into text lines, keeping the unfinished tail for the next chunk: a line of
 * the event stream can arrive cut across network packets.
 */
export class NdjsonLines {
  private readonly decoder = new TextDecoder();
  private tail = '';

  push(chunk: Uint8Array): string[] {
    this.tail += this.decoder.decode(chunk, { stream: true });
    const parts = this.tail.split('\n');
    this.tail = parts.pop() ?? '';
    return parts.map((l) => l.trim()).filter((l) => l.length > 0);
  }
}
