/** The token of a mailed link from the URL fragment (`#token=…`), or null when it is missing or cannot be one. */
export function readLinkToken(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token')?.trim() ?? '';
  // The API takes 10–200 characters; a cut-off link is better told as "incomplete" than sent.
  return token.length >= 10 && token.length <= 200 ? token : null;
}

/**
 * Read the link's token once and take it out of the address bar, so it stays out of the history, bookmarks and
 * what a screen share shows. (In the fragment it never reached a server log or a Referer header.)
 */
export function takeLinkToken(): string | null {
  const token = readLinkToken(window.location.hash);
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}
