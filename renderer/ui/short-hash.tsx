/** A SHA-256 shortened for space; the full hash is evidence, so it is always there on hover. */
export function ShortHash({ hash }: { readonly hash: string }) {
  return (
    <span className="mono short-hash" title={hash} data-hash={hash}>
      {hash.slice(0, 12)}…
    </span>
  );
}
