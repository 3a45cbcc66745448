import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AwsClients } from "../aws/clients.js";
import type { Environment } from "../config/environment.js";
import { fixturesDir, localDataDir } from "./project-root.js";

/** Where a command reads and writes: the local embedded stack, or AWS. */
export interface Workspace {
  readonly env: Environment;
  readonly clients: AwsClients;
  /** Set when running on the local stack. */
  readonly local?: {
    readonly fixturesDir: string;
    readonly dataDir: string;
    readonly inbox: string;
    readonly mirror: string;
  };
  close(): Promise<void>;
}

/** A local stand-in stack, started: the variables pointing codecurrent at it, and its addresses. */
export interface StartedLocalStack {
  readonly environment: NodeJS.ProcessEnv;
  readonly urls: { readonly inbox: string; readonly mirror: string };
  stop(): Promise<void>;
}

/**
 * Starts the local stand-in stack (emulators and the recorded-source mirror). The stack lives in
 * infra/local/; the program's entry point (infra/local/cli.ts) hands it in, so this library
 * never imports the stand-ins it runs against.
 */
export type LocalStackStarter = (options: {
  readonly dataDir: string;
  readonly fixturesDir: string;
  readonly log?: (line: string) => void;
}) => Promise<StartedLocalStack>;

/** What every command gets from the program's entry point. */
export interface CliContext {
  readonly startLocalStack: LocalStackStarter;
}

export interface WorkspaceOptions {
  /** Use AWS (tables and bucket from the CODECURRENT_* environment) instead of the local stack. */
  readonly aws?: boolean;
  /** Fetch from the publishers' real URLs instead of the recorded mirror. */
  readonly live?: boolean;
  readonly log?: (line: string) => void;
}

/** Written by a long-running `npm start` so other commands reuse its services instead of starting a second stack on the same data. */
interface RunningStack {
  readonly pid: number;
  readonly environment: NodeJS.ProcessEnv;
  readonly inbox: string;
  readonly mirror: string;
}

const RUNNING_STACK_FILE = "stack.json";

export async function openWorkspace(context: CliContext, options: WorkspaceOptions = {}): Promise<Workspace> {
  // The CLI runs on the operator's Node (often 20) with the SDK pinned by the lockfile; the SDK's
  // notice that its future releases need Node 22 would otherwise precede every command's output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const [{ createAwsClients }, { readEnvironment }] = await Promise.all([
    import("../aws/clients.js"),
    import("../config/environment.js"),
  ]);
  if (options.aws) {
    const env = readEnvironment(process.env);
    const clients = createAwsClients(env);
    return { env, clients, close: async () => clients.destroy() };
  }
  const dataDir = localDataDir();
  const fixtures = fixturesDir();
  const running = readRunningStack(dataDir);
  if (running) {
    options.log?.(`using the local stack of npm start (pid ${running.pid})`);
    const env = withLive(readEnvironment(running.environment), options.live);
    const clients = createAwsClients(env);
    return {
      env,
      clients,
      local: { fixturesDir: fixtures, dataDir, inbox: running.inbox, mirror: running.mirror },
      close: async () => clients.destroy(),
    };
  }
  const stack = await context.startLocalStack({
    dataDir,
    fixturesDir: fixtures,
    ...(options.log ? { log: options.log } : {}),
  });
  const env = withLive(readEnvironment(stack.environment), options.live);
  const clients = createAwsClients(env);
  return {
    env,
    clients,
    local: { fixturesDir: fixtures, dataDir, inbox: stack.urls.inbox, mirror: stack.urls.mirror },
    close: async () => {
      clients.destroy();
      await stack.stop();
    },
  };
}

/** Lets other commands find the services of a running `npm start`. */
export function announceRunningStack(dataDir: string, stack: Omit<RunningStack, "pid">): () => void {
  const file = path.join(dataDir, RUNNING_STACK_FILE);
  writeFileSync(file, JSON.stringify({ pid: process.pid, ...stack }, null, 2));
  return () => rmSync(file, { force: true });
}

function readRunningStack(dataDir: string): RunningStack | undefined {
  const file = path.join(dataDir, RUNNING_STACK_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const running = JSON.parse(readFileSync(file, "utf8")) as RunningStack;
    process.kill(running.pid, 0);
    return running;
  } catch {
    // A stale file from a stack that is gone: start our own.
    return undefined;
  }
}

function withLive(env: Environment, live: boolean | undefined): Environment {
  return live ? { ...env, sourceMirror: undefined } : env;
}
