import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the server answers one path; `list` honours If-None-Match as HIBP does. */
export type Answer =
  | { kind: 'list'; body: string; contentType: string; etag?: string }
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  /** Declares the whole length, sends the first half, and hangs up. */
  | { kind: 'cut-off'; body: string; contentType: string }
  /** Takes the request and never answers. */
  | { kind: 'hang' };

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

/** The official lists' servers, on 127.0.0.1: each path answers as the test last set it. */
export class FeedServer {
  readonly requests: RecordedRequest[] = [];
  private readonly answers = new Map<string, Answer | Answer[]>();
  private server: Server | undefined;
  private base = '';

  async start(): Promise<this> {
    const server = createServer((request, response) => {
      const path = request.url ?? '/';
      this.requests.push({ path, headers: request.headers });
      this.answer(path, request.headers, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  /** Several answers: one per request, in turn, the last one repeated. */
  set(path: string, answer: Answer | Answer[]): void {
    this.answers.set(path, Array.isArray(answer) ? [...answer] : answer);
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private next(path: string): Answer | undefined {
    const answer = this.answers.get(path);
    if (!Array.isArray(answer)) return answer;
    return answer.length > 1 ? answer.shift() : answer[0];
  }

  private answer(path: string, headers: IncomingHttpHeaders, response: ServerResponse): void {
    const answer = this.next(path);
    if (!answer) {
      response.statusCode = 404;
      response.end('not here');
      return;
    }
    switch (answer.kind) {
      case 'list':
        if (answer.etag) response.setHeader('etag', answer.etag);
        if (answer.etag && headers['if-none-match'] === answer.etag) {
          response.statusCode = 304;
          response.end();
          return;
        }
        response.setHeader('content-type', answer.contentType);
        response.end(answer.body);
        return;
      case 'status':
        response.statusCode = answer.status;
        if (answer.contentType) response.setHeader('content-type', answer.contentType);
        response.end(answer.body ?? '');
        return;
      case 'cut-off': {
        const bytes = Buffer.from(answer.body);
        response.setHeader('content-type', answer.contentType);
        response.setHeader('content-length', bytes.byteLength);
        response.write(bytes.subarray(0, bytes.byteLength >> 1), () => response.socket?.destroy());
        return;
      }
      case 'hang':
        return;
    }
  }
}
