/** Last segment of a host path, Windows or POSIX (the renderer has no `path` module). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
