import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const DEFAULT_TIMEOUT_MS = 60_000;
/** The full HHS archive is under 10 MB; anything this big is not a breach export. */
const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

export interface ReadSourceOptions {
  cwd: string;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface SourceText {
  text: string;
  /** The absolute file path or the URL, as recorded with the import. */
  location: string;
}

/** Why an export could not be read at all; the message names the file or URL. */
export class SourceReadError extends Error {
  override name = 'SourceReadError';
}

/**
 * An export that is not valid UTF-8. Refused rather than decoded with U+FFFD in place of the bad
 * bytes: a name stored as "Caf? Health" matches no question and revises the right record's name
 * away, with nothing to tell anyone. The lines let the person fix the file (usually saved as Latin-1).
 */
export class InvalidUtf8Error extends SourceReadError {
  override name = 'InvalidUtf8Error';
}

/** How many line numbers the error lists: enough to find the problem, short enough for a log line. */
const BAD_LINES_SHOWN = 10;

/** The bytes as UTF-8 text; `InvalidUtf8Error` naming the lines with bad bytes when they are not. */
export function decodeUtf8(bytes: Uint8Array, where: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lines = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .toString('utf8')
      .split('\n')
      .flatMap((line, index) => (line.includes('\uFFFD') ? [index + 1] : []));
    // A U+FFFD that was in the file as valid UTF-8 would be listed too: rare, and harmless here.
    const shown = lines.slice(0, BAD_LINES_SHOWN).join(', ');
    const more = lines.length > BAD_LINES_SHOWN ? ` and ${lines.length - BAD_LINES_SHOWN} more` : '';
    throw new InvalidUtf8Error(
      `${where} is not valid UTF-8 (bytes that are not UTF-8 on line${lines.length === 1 ? '' : 's'} ${shown}${more}); save it as UTF-8 and import it again`,
    );
  }
}

/** Reads an export from a file (relative to `cwd`) or an http(s) URL. */
export async function readSource(from: string, options: ReadSourceOptions): Promise<SourceText> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (/^https?:\/\//i.test(from)) {
    const text = await fetchText(from, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBytes);
    return { text: withoutBom(text), location: from };
  }
  const file = path.resolve(options.cwd, from);
  return { text: withoutBom(await readTextFile(file, maxBytes)), location: file };
}

/** Spreadsheet tools save CSV with a byte-order mark, which JSON.parse and header checks trip over. */
function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

async function readTextFile(file: string, maxBytes: number): Promise<string> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new SourceReadError(`${file} is a directory, not an export file`);
    if (info.size > maxBytes)
      throw new SourceReadError(`${file} is ${megabytes(info.size)}; exports over ${megabytes(maxBytes)} are refused`);
    return decodeUtf8(await readFile(file), file);
  } catch (error) {
    if (error instanceof SourceReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SourceReadError(`file not found: ${file}`);
    if (code === 'EACCES') throw new SourceReadError(`no permission to read ${file}`);
    throw new SourceReadError(`could not read ${file}: ${(error as Error).message}`);
  }
}

async function fetchText(url: string, timeoutMs: number, maxBytes: number): Promise<string> {
  let response: Response;
  try {
    // HIBP's API refuses requests without a User-Agent that names the client.
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': 'breachbot-import', accept: 'text/csv, application/json, */*' },
    });
  } catch (error) {
    throw new SourceReadError(`could not fetch ${url}: ${fetchFailure(error, timeoutMs)}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SourceReadError(
      `${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    );
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new SourceReadError(`${url} sends ${megabytes(declared)}; exports over ${megabytes(maxBytes)} are refused`);
  }
  try {
    const body = await readBodyWithin(response, maxBytes, url);
    if (body === undefined) {
      throw new SourceReadError(`${url} sent more than ${megabytes(maxBytes)}; exports over that are refused`);
    }
    return body;
  } catch (error) {
    if (error instanceof SourceReadError) throw error;
    throw new SourceReadError(`could not fetch ${url}: ${fetchFailure(error, timeoutMs)}`);
  }
}

/**
 * The body as text, or undefined once it passes `maxBytes`: a server need not declare its length.
 * Throws `InvalidUtf8Error` when it is not UTF-8.
 */
export async function readBodyWithin(
  response: Response,
  maxBytes: number,
  where = response.url,
): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return decodeUtf8(Buffer.concat(chunks), where);
}

function fetchFailure(error: unknown, timeoutMs: number): string {
  const name = (error as Error | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no complete answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const detail = cause instanceof Error ? cause.message : (error as Error | undefined)?.message;
  return detail ?? String(error);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;
}
