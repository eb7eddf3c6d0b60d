import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Clock } from '../digest/clock.js';
import { IMPORT_SOURCES, type ImportSource, importedFilePath, withImportLock } from '../incidents/imported-store.js';
import { isNotFound } from '../incidents/load-curated.js';
import type { SharedSourceRevision, Store } from '../store/store.js';
import { syncStatusPath, writeAtomically } from './sync-status.js';

/**
 * Keeps the imported lists of every instance sharing a store the same, so that a list synced or
 * imported on one instance is answered from on all of them, without a restart.
 *
 * Each instance calls `exchange()` every little while and right after its own sync. Two files per
 * source travel: the imported collection and its sync status. For each, the side that changed since
 * the last exchange wins: a file changed here (a sync, `breachbot import`) is published; a revision
 * another instance published is written here. When both changed (and at an instance's first
 * exchange) the later one wins: the file's modification time against the publish time. Files are
 * written atomically under the source's import lock, so an import running meanwhile loses nothing.
 */

export interface SharedListsDeps {
  store: Store;
  dataDir: string;
  instanceId: string;
  clock: Clock;
}

export interface ExchangeResult {
  /** Sources whose collection here differs from the one the dataset was last loaded from. */
  changed: ImportSource[];
  published: ImportSource[];
  pulled: ImportSource[];
  /** One line per file that could not be exchanged; the others were. */
  errors: string[];
}

type Kind = 'collection' | 'status';

/** One file here, and the store's copy of it, as the last exchange left them. */
interface Seen {
  /** `mtimeMs:size`: cheap to compare on every poll, unlike hashing an 8 MB list. */
  stamp: string;
  localSha: string | undefined;
  sharedSha: string | undefined;
}

interface LocalFile {
  stamp: string;
  mtimeMs: number;
}

export class SharedLists {
  private readonly seen = new Map<string, Seen>();
  /** The collection's sha256 the dataset was loaded from, per source (undefined: no imported file). */
  private readonly loaded = new Map<ImportSource, string | undefined>();

  constructor(private readonly deps: SharedListsDeps) {}

  /** Records what the dataset was just loaded from, so that `changed` is judged against it. */
  async markLoaded(): Promise<void> {
    for (const source of IMPORT_SOURCES) {
      this.loaded.set(source, shaOf(await readText(importedFilePath(this.deps.dataDir, source))));
    }
  }

  async exchange(): Promise<ExchangeResult> {
    const rows = new Map((await this.deps.store.sourceListRevisions()).map((row) => [row.source, row]));
    const result: ExchangeResult = { changed: [], published: [], pulled: [], errors: [] };
    for (const source of IMPORT_SOURCES) {
      let published = false;
      let pulled = false;
      for (const kind of ['collection', 'status'] as const) {
        try {
          const action = await this.exchangeFile(source, kind, rows.get(source));
          published ||= action === 'published';
          pulled ||= action === 'pulled';
        } catch (error) {
          result.errors.push(`${source} ${kind}: ${(error as Error).message}`);
        }
      }
      if (published) result.published.push(source);
      if (pulled) result.pulled.push(source);
      if (this.seen.get(`${source}:collection`)?.localSha !== this.loaded.get(source)) result.changed.push(source);
    }
    return result;
  }

  private async exchangeFile(
    source: ImportSource,
    kind: Kind,
    row: SharedSourceRevision | undefined,
  ): Promise<'published' | 'pulled' | 'none'> {
    const key = `${source}:${kind}`;
    const file =
      kind === 'collection' ? importedFilePath(this.deps.dataDir, source) : syncStatusPath(this.deps.dataDir, source);
    const before = this.seen.get(key);
    const local = await statLocal(file);
    let text: string | undefined;
    const localText = async () => {
      text ??= await readText(file);
      return text;
    };
    const localSha = before && before.stamp === local.stamp ? before.localSha : shaOf(await localText());
    const sharedSha = row
      ? kind === 'collection'
        ? (row.sha256 ?? undefined)
        : shaOf(row.syncStatus ?? undefined)
      : undefined;
    const remember = (seen: Omit<Seen, 'sharedSha'> & { sharedSha?: string | undefined }) =>
      this.seen.set(key, { sharedSha, ...seen });

    if (localSha === sharedSha) {
      remember({ stamp: local.stamp, localSha });
      return 'none';
    }
    const localChanged = before === undefined || localSha !== before.localSha;
    const sharedChanged = before === undefined || sharedSha !== before.sharedSha;
    const publish =
      localSha !== undefined &&
      (sharedSha === undefined ||
        (localChanged && sharedChanged ? local.mtimeMs > (row?.publishedAt ?? 0) : localChanged));
    const current = publish ? await localText() : undefined;
    if (current !== undefined && kind === 'collection' && !isCollectionOf(current, source)) {
      // A file broken here (by hand, say) stays here: the other instances keep their good copy.
      remember({ stamp: local.stamp, localSha });
      throw new Error(`${file} is not a readable ${source} list, so it was not shared with the other instances`);
    }
    if (current !== undefined && localSha !== undefined && shaOf(current) === localSha) {
      await this.publish(source, kind, current, localSha);
      remember({ stamp: local.stamp, localSha, sharedSha: localSha });
      return 'published';
    }
    if (!sharedChanged && !localChanged) {
      // Both as last seen, yet different: a pull that failed half-way, or a file removed here on purpose
      // that the store still has. Leave it until one side changes.
      remember({ stamp: local.stamp, localSha });
      return 'none';
    }
    let shared: string | undefined;
    try {
      shared = await this.sharedText(source, kind, row);
    } catch (error) {
      // Seen, so that a damaged copy is reported once, not at every poll, and the next publish is taken.
      remember({ stamp: local.stamp, localSha });
      throw error;
    }
    if (shared === undefined) {
      remember({ stamp: local.stamp, localSha });
      return 'none';
    }
    await withImportLock(this.deps.dataDir, source, () => writeAtomically(file, shared));
    remember({ stamp: (await statLocal(file)).stamp, localSha: shaOf(shared) });
    return 'pulled';
  }

  private async sharedText(source: ImportSource, kind: Kind, row: SharedSourceRevision | undefined) {
    if (kind === 'status') return row?.syncStatus ?? undefined;
    const shared = await this.deps.store.sourceList(source);
    if (!shared?.collection) return undefined;
    const text = gunzipSync(Buffer.from(shared.collection, 'base64')).toString('utf8');
    // A copy damaged on the way, or not a list of this source, must not replace a good list: the
    // sha256 was taken before it was packed. (Loading checks every record; this only keeps the file.)
    if (shaOf(text) !== shared.sha256 || !isCollectionOf(text, source)) {
      throw new Error(
        `the store's copy of the ${source} list is damaged (published by ${shared.publishedBy}); it was not used`,
      );
    }
    return text;
  }

  private async publish(source: ImportSource, kind: Kind, text: string, sha256: string): Promise<void> {
    const { store, instanceId, clock } = this.deps;
    if (kind === 'collection') {
      const collection = gzipSync(Buffer.from(text, 'utf8')).toString('base64');
      await store.publishSourceList({ source, sha256, collection, publishedBy: instanceId, now: clock.now() });
    } else {
      await store.publishSyncStatus({ source, syncStatus: text, publishedBy: instanceId, now: clock.now() });
    }
  }
}

async function statLocal(file: string): Promise<LocalFile> {
  try {
    const info = await stat(file);
    return { stamp: `${info.mtimeMs}:${info.size}`, mtimeMs: info.mtimeMs };
  } catch (error) {
    if (isNotFound(error)) return { stamp: 'absent', mtimeMs: 0 };
    throw error;
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function shaOf(text: string | undefined): string | undefined {
  return text === undefined ? undefined : createHash('sha256').update(text).digest('hex');
}

function isCollectionOf(text: string, source: ImportSource): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && (parsed as { source?: unknown }).source === source;
  } catch {
    return false;
  }
}
