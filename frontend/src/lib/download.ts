import { filesDownloadFile } from '../client/sdk.gen';

/** The file name a response offers in Content-Disposition (RFC 6266, UTF-8 form first), else the fallback. */
export function filenameFromResponse(response: Response | undefined, fallback: string): string {
  const header = response?.headers.get('Content-Disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? fallback;
}

/** Hand a downloaded file to the browser's "save" (the generated client fetched it with `parseAs: 'blob'`). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** A byte count for people: 812 B, 14.2 KB, 3.1 MB. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** Download a stored file (evidence, certificates) through the generated client and hand it to the browser. */
export async function downloadStoredFile(fileId: string): Promise<void> {
  const { data, response } = await filesDownloadFile({ path: { file_id: fileId }, parseAs: 'blob', throwOnError: true });
  saveBlob(data as Blob, filenameFromResponse(response, 'evidence'));
}

/**
 * Show a generated page (a draft to print) in `tab`, a tab the click opened before the page was fetched (one opened
 * after an await is blocked as a pop-up); without one, in a new tab. When fetching fails the empty tab is closed.
 */
export async function openPageInTab(tab: Window | null, fetchPage: () => Promise<Blob>): Promise<void> {
  try {
    const url = URL.createObjectURL(new Blob([await fetchPage()], { type: 'text/html' }));
    if (tab) tab.location.href = url;
    else window.open(url, '_blank');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    tab?.close();
    throw err;
  }
}
