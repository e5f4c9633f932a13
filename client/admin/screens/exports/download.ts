/**
 * Fetches an export as a stream, counting the bytes as they come (the export is streamed, so
 * Content-Length is usually absent: then only the bytes so far are known), reads the manifest
 * from the X-Export-Manifest header, and saves the file through a Blob URL on an <a download>.
 */
import { ApiError } from '../../../shared/api.js';
import type { Manifest } from './query.js';

export interface Fetched { blob: Blob; fileName: string; manifest: Manifest | null }

export async function fetchExport(url: string, onProgress: (received: number, total?: number) => void, signal: AbortSignal): Promise<Fetched> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(0, { title: 'offline' });
  }
  if (!response.ok) {
    let problem: Record<string, unknown>;
    try {
      problem = await response.json() as Record<string, unknown>;
    } catch {
      problem = { title: response.statusText };
    }
    throw new ApiError(response.status, problem);
  }
  const manifestHeader = response.headers.get('x-export-manifest');
  const manifest = manifestHeader ? JSON.parse(manifestHeader) as Manifest : null;
  const total = Number(response.headers.get('content-length')) || undefined;
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  const chunks: BlobPart[] = [];
  let received = 0;
  onProgress(0, total);
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress(received, total);
    }
  } else {
    chunks.push(await response.arrayBuffer());
  }
  return { blob: new Blob(chunks, { type }), fileName, manifest };
}

/** Hands the file to the browser's download: a click on a temporary <a download>. */
export function saveBlob(href: string, fileName: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

/** 1234567 → "1.2 MB", in the interface language. */
export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
  return value.toLocaleString(language, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 });
}
