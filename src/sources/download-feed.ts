import { InvalidUtf8Error, readBodyWithin } from '../incidents/import/read-source.js';
import { displayUrl } from './feeds.js';
import { USER_AGENT } from './user-agent.js';

export const DEFAULT_TIMEOUT_MS = 60_000;
/** The full HHS archive is under 10 MB; anything this big is not a breach list. */
const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

/** What the server said identifies the list it sent, for asking later whether it changed. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface DownloadOptions {
  accept: string;
  /** Sent as If-None-Match / If-Modified-Since: a 304 then means the list is unchanged. */
  validators?: Validators;
  /** For the whole download, headers and body. */
  timeoutMs?: number;
  maxBytes?: number;
}

export type Download =
  | { status: 'not-modified' }
  | { status: 'downloaded'; text: string; contentType: string | undefined; validators: Validators };

/** Why a list could not be downloaded, in one line that names where from. */
export class DownloadError extends Error {
  override name = 'DownloadError';
}

export async function downloadFeed(url: string, options: DownloadOptions): Promise<Download> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const where = displayUrl(url);
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: requestHeaders(options) });
  } catch (error) {
    throw new DownloadError(failure(error, signal, `could not reach ${where}`, where, timeoutMs));
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { status: 'not-modified' };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DownloadError(
      `${where} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    );
  }
  let text: string;
  try {
    text = await readLimited(response, maxBytes, where);
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    throw new DownloadError(failure(error, signal, `the download from ${where} broke off`, where, timeoutMs));
  }
  const etag = response.headers.get('etag') ?? undefined;
  const lastModified = response.headers.get('last-modified') ?? undefined;
  return {
    status: 'downloaded',
    text: text.startsWith('\uFEFF') ? text.slice(1) : text,
    contentType: response.headers.get('content-type') ?? undefined,
    validators: { ...(etag && { etag }), ...(lastModified && { lastModified }) },
  };
}

function requestHeaders({ accept, validators }: DownloadOptions): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}

async function readLimited(response: Response, maxBytes: number, where: string): Promise<string> {
  let body: string | undefined;
  try {
    body = await readBodyWithin(response, maxBytes, where);
  } catch (error) {
    if (error instanceof InvalidUtf8Error) throw new DownloadError(error.message);
    throw error;
  }
  if (body === undefined) {
    throw new DownloadError(`${where} sent more than ${Math.round(maxBytes / (1024 * 1024))} MB: not a breach list`);
  }
  return body;
}

function failure(error: unknown, signal: AbortSignal, what: string, where: string, timeoutMs: number): string {
  if (signal.aborted) return `no complete answer from ${where} within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const detail = cause instanceof Error ? cause.message : (error as Error | undefined)?.message;
  return `${what}: ${detail ?? String(error)}`;
}
