import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { hasZipMagic, openZipArchive, ZipFormatError } from './zip-archive';

describe('openZipArchive', () => {
  const text = 'abc'.repeat(200_000);
  const bytes = zipSync(
    {
      'Big.xml': strToU8(text),
      'dir/stored.txt': [strToU8('stored'), { level: 0 }],
      'empty.txt': new Uint8Array(0),
    },
    { comment: 'archive comment' },
  );

  it('lists entries case-insensitively and reads them whole or in chunks', () => {
    expect(hasZipMagic(bytes)).toBe(true);
    const zip = openZipArchive(bytes);
    expect([...zip.entries.keys()].sort()).toEqual(['big.xml', 'dir/stored.txt', 'empty.txt']);
    const big = zip.entries.get('big.xml')!;
    expect(big).toMatchObject({ name: 'Big.xml', method: 8, uncompressedSize: text.length });
    expect(new TextDecoder().decode(zip.readEntry(big))).toBe(text);

    const chunks = [...zip.entryChunks(big, 100)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe(text);

    const stored = zip.entries.get('dir/stored.txt')!;
    expect(stored.method).toBe(0);
    expect(new TextDecoder().decode(Buffer.concat([...zip.entryChunks(stored, 2)]))).toBe('stored');
    expect(zip.readEntry(zip.entries.get('empty.txt')!)).toHaveLength(0);
    expect([...zip.entryChunks(zip.entries.get('empty.txt')!)].every((c) => c.length === 0)).toBe(true);
  });

  it('rejects non-ZIP and truncated data', () => {
    expect(() => openZipArchive(strToU8('plain text'))).toThrow(ZipFormatError);
    expect(() => openZipArchive(bytes.subarray(0, bytes.length - 30))).toThrow(ZipFormatError);
    expect(hasZipMagic(strToU8('PAR1'))).toBe(false);
  });
});
