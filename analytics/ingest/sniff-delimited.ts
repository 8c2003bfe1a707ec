import { open } from 'node:fs/promises';

/**
 * Minimal sniffing of a UTF-8 delimited export: delimiter (`,` `;` tab, by the most consistent field
 * count) and the header line (the first line with that many fields).
 */
export interface DelimitedSniff {
  readonly encoding: string;
  readonly delimiter: string;
  readonly headerLine: number;
  readonly headers: string[];
}

const SAMPLE_BYTES = 64 * 1024;

function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

export async function sniffDelimited(file: string): Promise<DelimitedSniff> {
  const handle = await open(file, 'r');
  const buf = Buffer.alloc(SAMPLE_BYTES);
  const { bytesRead } = await handle.read(buf, 0, SAMPLE_BYTES, 0);
  await handle.close();
  let text = buf.subarray(0, bytesRead).toString('utf8');
  const bom = text.startsWith('\uFEFF');
  if (bom) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  if (bytesRead === SAMPLE_BYTES) lines.pop(); // the last line may be cut
  const candidates = [',', ';', '\t'];
  let best = { delimiter: ',', score: -1, fields: 1 };
  for (const d of candidates) {
    const counts = lines.filter((l) => l.trim() !== '').map((l) => splitLine(l, d).length);
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    const [mode, n] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [1, 0];
    const score = mode > 1 ? n : 0;
    if (score > best.score) best = { delimiter: d, score, fields: mode };
  }
  const headerIdx = Math.max(
    0,
    lines.findIndex((l) => splitLine(l, best.delimiter).length === best.fields),
  );
  return {
    encoding: bom ? 'utf-8-bom' : 'utf-8',
    delimiter: best.delimiter,
    headerLine: headerIdx + 1,
    headers: splitLine(lines[headerIdx] ?? '', best.delimiter),
  };
}
