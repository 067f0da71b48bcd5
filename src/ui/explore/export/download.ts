import { slugOf } from '../../../domain/text';
/**
 * Saves text or a blob as a file through a temporary link (the one way browsers download without a server).
 * The object URL is revoked on the next task, after the browser has started reading it.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export const downloadText = (text: string, fileName: string, type: string): void => downloadBlob(new Blob([text], { type }), fileName);

/** "calmap-debowo-ulice-2026-04-13": lower case ASCII, Polish letters folded, safe on every file system. */
export function exportFileName(...parts: string[]): string {
  return slugOf(parts.join('-'));
}
