import { mkdir, mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export interface S3LocalOptions {
  /** Where objects are kept across restarts; omitted = a temporary directory removed on stop. */
  readonly directory?: string;
  /** Buckets that exist once started (existing ones and their objects are kept). */
  readonly buckets: readonly string[];
  readonly log?: (line: string) => void;
}

export interface S3Local {
  /** e.g. `http://127.0.0.1:41235`; clients must use path-style addressing. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Starts s3rver, an S3-compatible server keeping objects as files. */
export async function startS3Local(options: S3LocalOptions): Promise<S3Local> {
  const temporary = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(path.join(os.tmpdir(), "codecurrent-s3-")));
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  let address: AddressInfo;
  try {
    address = await server.run();
  } catch (error) {
    if (temporary) await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${address.port}`;
  options.log?.(`s3: s3rver on ${endpoint} (${temporary ? "temporary" : directory})`);
  return {
    endpoint,
    async stop() {
      // close() waits for idle keep-alive sockets of SDK clients that may outlive the stack.
      (server as unknown as { httpServer?: Server }).httpServer?.closeAllConnections();
      await server.close();
      if (temporary) await rm(directory, { recursive: true, force: true });
    },
  };
}
