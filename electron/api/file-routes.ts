/** A GET route that answers with a file-like body: the media proxy and export downloads, in both transports. */
export interface FileReply {
  status: number;
  headers: Record<string, string>;
  body?: Uint8Array | NodeJS.ReadableStream;
}

/** `path` is what follows the route prefix, still percent-encoded. */
export type FileRoute = (path: string, query: URLSearchParams) => Promise<FileReply>;
