/** A GET route that answers with a file-like body: the media proxy and export downloads, in both transports. */
export interface FileReply {
  status: number;
  headers: Record<string, string>;
  body?: Uint8Array | NodeJS.ReadableStream;
}

/** `path` is what follows the route prefix, still percent-encoded. */
export type FileRoute = (path: string, query: URLSearchParams) => Promise<FileReply>;

/** The route whose prefix `pathname` starts with, and the rest of the path after that prefix. */
export function matchRoute(routes: Record<string, FileRoute>, pathname: string): { route: FileRoute; rest: string } | undefined {
  const match = Object.entries(routes).find(([prefix]) => pathname.startsWith(prefix));
  return match && { route: match[1], rest: pathname.slice(match[0].length) };
}
