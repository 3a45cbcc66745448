import { type ChildProcess, spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import getPort from "get-port";
import { EMULATOR_CREDENTIALS } from "#shared/aws/clients.js";

export interface DynamoDbLocalOptions {
  /** Directory for the database file; omitted = in memory, gone when stopped. */
  readonly dbPath?: string;
  /** How Java is started (default `java`, looked up on the PATH of `env`). */
  readonly javaCommand?: string;
  /** Environment of the Java process (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  /** How long to wait for the first answer to ListTables. */
  readonly startTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface DynamoDbLocal {
  /** e.g. `http://127.0.0.1:41234` */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Raised when Java cannot be started at all, naming what to install. */
export class JavaNotFoundError extends Error {
  constructor(command: string, cause: unknown) {
    super(
      `DynamoDB Local needs a Java runtime (17 or later), but "${command}" could not be started. ` +
        "Install one with: apt-get install -y openjdk-17-jre-headless",
      { cause },
    );
    this.name = "JavaNotFoundError";
  }
}

const DEFAULT_START_TIMEOUT_MS = 30_000;
/** Output kept for error messages: enough for a Java stack trace's head, bounded for a chatty JVM. */
const OUTPUT_LIMIT = 16_384;
/** Another process can take the port between get-port's probe and Java's bind; a fresh port then usually works. */
const BIND_ATTEMPTS = 3;

/**
 * Starts AWS's DynamoDB Local, the jar shipped inside the npm package `amplify-dynamodb-simulator`
 * (the full API, transactions and GSIs included, with no download at run time).
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  if (options.dbPath !== undefined) await mkdir(options.dbPath, { recursive: true });
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= BIND_ATTEMPTS) throw error;
      options.log?.(`dynamodb: port ${error.port} was taken, trying another`);
    }
  }
}

class PortTakenError extends Error {
  constructor(
    readonly port: number,
    message: string,
  ) {
    super(message);
  }
}

async function startOnce(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const emulatorDir = emulatorDirectory();
  // DynamoDB Local has no bind-address option; the port is only ever addressed through 127.0.0.1.
  const port = await getPort({ host: "127.0.0.1" });
  const javaCommand = options.javaCommand ?? "java";
  const storage = options.dbPath === undefined ? ["-inMemory"] : ["-dbPath", options.dbPath];
  const args = [
    // A short-lived local emulator on a small machine: the quick JIT tier and a single-threaded
    // collector cut start-up (measured ~2 s against ~3.5 s on 2 cores) at little cost to its throughput.
    "-XX:TieredStopAtLevel=1",
    "-XX:+UseSerialGC",
    `-Djava.library.path=${path.join(emulatorDir, "DynamoDBLocal_lib")}`,
    "-jar",
    path.join(emulatorDir, "DynamoDBLocal.jar"),
    ...storage,
    // One database whatever the caller's credentials and region: tools with other profiles see the same tables.
    "-sharedDb",
    "-port",
    String(port),
    "-disableTelemetry",
  ];
  const child = spawn(javaCommand, args, {
    // DynamoDB Local writes a metadata file into its working directory: keep it out of the checkout.
    cwd: options.dbPath ?? tmpdir(),
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = capture(child);
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    await terminate(child);
  };

  try {
    await waitUntilAnswering(endpoint, child, javaCommand, output, options.startTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  options.log?.(`dynamodb: DynamoDB Local on ${endpoint} (${options.dbPath ?? "in memory"})`);
  return { endpoint, stop };
}

function emulatorDirectory(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("amplify-dynamodb-simulator/package.json")), "emulator");
}

function capture(child: ChildProcess): () => string {
  let text = "";
  const append = (chunk: Buffer) => {
    text = (text + chunk.toString("utf8")).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return () => text.trim();
}

async function waitUntilAnswering(
  endpoint: string,
  child: ChildProcess,
  javaCommand: string,
  output: () => string,
  timeoutMs = DEFAULT_START_TIMEOUT_MS,
): Promise<void> {
  const failed = new Promise<never>((_, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT" || error.code === "EACCES"
          ? new JavaNotFoundError(javaCommand, error)
          : error,
      );
    });
    // "close", not "exit": only then has everything the process wrote been read.
    child.once("close", (code, signal) => {
      const said = output();
      const port = Number(new URL(endpoint).port);
      const message = `DynamoDB Local exited before answering (code ${code ?? signal})${said ? `:\n${said}` : ""}`;
      reject(
        /BindException|already in use/i.test(said) ? new PortTakenError(port, message) : new Error(message),
      );
    });
  });
  // Keeps an early rejection from being reported as unhandled while the poll below is between attempts.
  failed.catch(() => {});

  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: EMULATOR_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const answered = await Promise.race([
        client.send(new ListTablesCommand({ Limit: 1 })).then(
          () => true,
          () => false,
        ),
        failed,
      ]);
      if (answered) return;
      if (Date.now() > deadline) {
        const said = output();
        throw new Error(
          `DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms${said ? `:\n${said}` : ""}`,
        );
      }
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), failed]);
    }
  } finally {
    client.destroy();
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  // The JVM normally leaves within a second of SIGTERM; a wedged one is not worth waiting on.
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
