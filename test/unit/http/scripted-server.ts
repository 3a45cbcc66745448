import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A real HTTP server on 127.0.0.1 whose every answer a test scripts, recording what it was asked. */
export interface ScriptedServer {
  readonly origin: string;
  readonly requests: readonly { readonly path: string; readonly headers: IncomingHttpHeaders }[];
  url(path: string): string;
  close(): Promise<void>;
}

/** `answer` gets the 1-based number of the request, so a test can script "fail twice, then succeed". */
export type Answer = (request: IncomingMessage, response: ServerResponse, requestNumber: number) => void;

export async function startScriptedServer(answer: Answer): Promise<ScriptedServer> {
  const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((request, response) => {
    requests.push({ path: request.url ?? "", headers: request.headers });
    answer(request, response, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    requests,
    url: (path) => `${origin}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Tests leave requests hanging on purpose (timeouts); they must not keep the server open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
