import { randomId } from './ids.js';

/**
 * The bytes stay in memory: the playground runs for hours, so one file is capped, and the oldest
 * files go when all of them together would pass the total (their messages stay, their links 404).
 */
export const FILE_MAX_BYTES = 5 * 1024 * 1024;
const FILES_TOTAL_MAX_BYTES = 50 * 1024 * 1024;
const FILES_KEPT_MAX = 500;

interface FileType {
  mimetype: string;
  filetype: string;
  prettyType: string;
}

const BINARY: FileType = { mimetype: 'application/octet-stream', filetype: 'binary', prettyType: 'Binary' };

/** By extension, as Slack names the types of the files it hosts. */
const FILE_TYPES: Record<string, FileType> = {
  csv: { mimetype: 'text/csv', filetype: 'csv', prettyType: 'CSV' },
  txt: { mimetype: 'text/plain', filetype: 'text', prettyType: 'Plain Text' },
  json: { mimetype: 'application/json', filetype: 'json', prettyType: 'JSON' },
  md: { mimetype: 'text/markdown', filetype: 'markdown', prettyType: 'Markdown (raw)' },
  pdf: { mimetype: 'application/pdf', filetype: 'pdf', prettyType: 'PDF' },
  png: { mimetype: 'image/png', filetype: 'png', prettyType: 'PNG' },
  jpg: { mimetype: 'image/jpeg', filetype: 'jpg', prettyType: 'JPEG' },
  jpeg: { mimetype: 'image/jpeg', filetype: 'jpg', prettyType: 'JPEG' },
  gif: { mimetype: 'image/gif', filetype: 'gif', prettyType: 'GIF' },
  zip: { mimetype: 'application/zip', filetype: 'zip', prettyType: 'Zip' },
  xlsx: {
    mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filetype: 'xlsx',
    prettyType: 'Excel Spreadsheet',
  },
};

export function fileTypeOf(filename: string): FileType {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  return (extension !== undefined && FILE_TYPES[extension]) || BINARY;
}

/** A file as a message carries it: what it was when it was shared. */
export interface MessageFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  prettyType: string;
  size: number;
  /** Who uploaded it: the app's bot user. */
  user: string;
  created: number;
  /** Shared in a public channel. */
  isPublic: boolean;
  urlPrivate: string;
  urlPrivateDownload: string;
  permalink: string;
}

export interface StoredFile {
  id: string;
  /** The secret part of the upload URL. */
  uploadId: string;
  name: string;
  title: string;
  /** The size files.getUploadURLExternal was told; the upload must be exactly this long. */
  length: number;
  type: FileType;
  user: string;
  created: number;
  /** Set by the upload. */
  bytes: Buffer | undefined;
  completed: boolean;
  /** Where files.completeUploadExternal shared it. */
  channels: string[];
}

export type UploadOutcome = { ok: true; file: StoredFile } | { ok: false; status: 404 | 409 | 400; problem: string };

/** Where a file is served: the emulator's own server, shaped like Slack's files-pri URLs. */
export interface FileUrls {
  origin: string;
  teamId: string;
  teamDomain: string;
}

/** Files the app uploads through files.getUploadURLExternal, the upload URL and files.completeUploadExternal. */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byUploadId = new Map<string, StoredFile>();
  private totalBytes = 0;

  reserve(input: { filename: string; length: number; user: string }): StoredFile {
    const file: StoredFile = {
      id: randomId('F'),
      uploadId: randomId('').toLowerCase() + randomId('').toLowerCase(),
      name: input.filename,
      title: input.filename,
      length: input.length,
      type: fileTypeOf(input.filename),
      user: input.user,
      created: Math.floor(Date.now() / 1000),
      bytes: undefined,
      completed: false,
      channels: [],
    };
    this.byId.set(file.id, file);
    this.byUploadId.set(file.uploadId, file);
    this.evict();
    return file;
  }

  /** The bytes posted to an upload URL: once, and exactly as long as was said. */
  receive(uploadId: string, bytes: Buffer): UploadOutcome {
    const file = this.byUploadId.get(uploadId);
    if (!file) return { ok: false, status: 404, problem: 'no upload was started at this URL' };
    if (file.bytes !== undefined) return { ok: false, status: 409, problem: 'this URL has been uploaded to already' };
    if (bytes.length !== file.length) {
      return {
        ok: false,
        status: 400,
        problem: `the upload URL was issued for ${file.length} bytes, and ${bytes.length} arrived`,
      };
    }
    file.bytes = bytes;
    this.totalBytes += bytes.length;
    this.evict();
    return { ok: true, file };
  }

  get(id: string): StoredFile | undefined {
    return this.byId.get(id);
  }

  /** The file an upload URL was handed out for. */
  forUpload(uploadId: string): StoredFile | undefined {
    return this.byUploadId.get(uploadId);
  }

  complete(file: StoredFile, change: { title?: string; channels: readonly string[] }): void {
    file.completed = true;
    if (change.title) file.title = change.title;
    file.channels.push(...change.channels);
  }

  private evict(): void {
    for (const oldest of this.byId.values()) {
      if (this.totalBytes <= FILES_TOTAL_MAX_BYTES && this.byId.size <= FILES_KEPT_MAX) return;
      this.byId.delete(oldest.id);
      this.byUploadId.delete(oldest.uploadId);
      this.totalBytes -= oldest.bytes?.length ?? 0;
    }
  }
}

export function messageFile(file: StoredFile, urls: FileUrls, isPublic: boolean): MessageFile {
  const where = `${urls.origin}/files-pri/${urls.teamId}-${file.id}`;
  const name = encodeURIComponent(file.name);
  return {
    id: file.id,
    name: file.name,
    title: file.title,
    mimetype: file.type.mimetype,
    filetype: file.type.filetype,
    prettyType: file.type.prettyType,
    size: file.bytes?.length ?? file.length,
    user: file.user,
    created: file.created,
    isPublic,
    urlPrivate: `${where}/${name}`,
    urlPrivateDownload: `${where}/download/${name}`,
    permalink: `https://${urls.teamDomain}.slack.com/files/${file.user}/${file.id}/${name}`,
  };
}

/** A file object as Slack's methods and messages carry it. */
export function slackFile(file: MessageFile): Record<string, unknown> {
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    pretty_type: file.prettyType,
    user: file.user,
    editable: false,
    size: file.size,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: file.isPublic,
    public_url_shared: false,
    display_as_bot: false,
    url_private: file.urlPrivate,
    url_private_download: file.urlPrivateDownload,
    permalink: file.permalink,
  };
}

/** `Content-Disposition` for a download: a plain-ASCII name for old clients, the exact UTF-8 one for the rest. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
