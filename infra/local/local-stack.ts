import path from "node:path";
import { createAwsClients } from "#shared/aws/clients.js";
import { ALL_TABLES, type TableDefinition } from "#shared/aws/tables.js";
import { environmentVariables, readEnvironment } from "#shared/config/environment.js";
import { startDynamoDbLocal } from "./dynamodb-local.js";
import { LOCAL_ARCHIVE_BUCKET, LOCAL_REGION, localEnvironment, localTableName } from "./local-environment.js";
import { provisionTables } from "./provision-tables.js";
import { startS3Local } from "./s3-local.js";
import { startSesLocal } from "./ses-local.js";
import { type SourceMirror, startSourceMirror } from "./source-mirror.js";

export interface LocalStackOptions {
  /** Keeps data across restarts under `dataDir/dynamodb` and `dataDir/s3`; omitted = in memory and temporary. */
  readonly dataDir?: string;
  /** Holds the recorded sources (`replay/manifest.json` and the files it names). */
  readonly fixturesDir: string;
  /**
   * A DynamoDB Local that is already running, shared with other stacks: this stack's tables get
   * names of their own there (`<tablePrefix>-<table>`), and stop() leaves it running. Test runs
   * start one JVM per run this way instead of one per test file. Omitted = a DynamoDB Local of its own.
   */
  readonly sharedDynamoDb?: { readonly endpoint: string; readonly tablePrefix: string };
  readonly log?: (line: string) => void;
}

export interface LocalStack {
  /** CODECURRENT_* variables (plus region and dummy credentials) pointing codecurrent at this stack. */
  readonly environment: NodeJS.ProcessEnv;
  readonly urls: {
    readonly dynamodb: string;
    readonly s3: string;
    readonly ses: string;
    /** Web inbox of sent mail; `readLocalInbox(inbox)` reads it. */
    readonly inbox: string;
    /** With a data directory: every email sent, kept as files (`.html` and `.txt`) that outlive the stack. */
    readonly inboxDir?: string;
    readonly mirror: string;
  };
  /** The recorded-source server, for overrides in tests. */
  readonly mirror: SourceMirror;
  /** Wall-clock milliseconds from call to a provisioned, answering stack. */
  readonly startupMs: number;
  /** Stops every service; safe to call more than once. */
  stop(): Promise<void>;
}

interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Starts the local stand-ins for AWS and for the publishers' sites, all on 127.0.0.1 with free
 * ports, and provisions the tables of `shared/aws/tables.ts` and the archive bucket. Services start
 * in parallel (the JVM of DynamoDB Local dominates); if any fails, the others are stopped again.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const started = Date.now();
  const log = options.log;
  const running: Stoppable[] = [];
  const track = async <T extends Stoppable>(service: Promise<T>): Promise<T> => {
    const value = await service;
    running.push(value);
    return value;
  };
  const shared = options.sharedDynamoDb;
  const tableName = (definition: TableDefinition) =>
    shared === undefined ? localTableName(definition) : `${shared.tablePrefix}-${definition.name}`;
  const tables = ALL_TABLES.map((definition) => ({ definition, tableName: tableName(definition) }));

  const dynamodb = (
    shared === undefined
      ? track(
          startDynamoDbLocal({
            ...(options.dataDir === undefined ? {} : { dbPath: path.join(options.dataDir, "dynamodb") }),
            ...(log === undefined ? {} : { log }),
          }),
        )
      : Promise.resolve({ endpoint: shared.endpoint })
  ).then(async (service) => {
    const clients = createAwsClients(
      readEnvironment({
        AWS_REGION: LOCAL_REGION,
        ...environmentVariables({ dynamodbEndpoint: service.endpoint }),
      }),
    );
    try {
      await provisionTables(clients.dynamoRaw, tables);
    } finally {
      clients.destroy();
    }
    log?.(`dynamodb: tables ${tables.map((table) => table.tableName).join(", ")}`);
    return service;
  });
  const s3 = track(
    startS3Local({
      buckets: [LOCAL_ARCHIVE_BUCKET],
      ...(options.dataDir === undefined ? {} : { directory: path.join(options.dataDir, "s3") }),
      ...(log === undefined ? {} : { log }),
    }),
  );
  const ses = track(
    startSesLocal({
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(log === undefined ? {} : { log }),
    }),
  );
  const mirror = track(
    startSourceMirror({ fixturesDir: options.fixturesDir, ...(log === undefined ? {} : { log }) }),
  );

  const results = await Promise.allSettled([dynamodb, s3, ses, mirror]);
  const failures = results.flatMap((result) =>
    result.status === "rejected" ? [result.reason as unknown] : [],
  );
  if (failures.length > 0) {
    await stopAll(running);
    throw failures.length === 1
      ? failures[0]
      : new AggregateError(failures, `local stack failed to start: ${failures.map(String).join("; ")}`);
  }
  const [dynamoService, s3Service, sesService, mirrorService] = await Promise.all([
    dynamodb,
    s3,
    ses,
    mirror,
  ]);

  const urls = {
    dynamodb: dynamoService.endpoint,
    s3: s3Service.endpoint,
    ses: sesService.endpoint,
    inbox: sesService.inboxUrl,
    ...(sesService.inboxDir ? { inboxDir: sesService.inboxDir } : {}),
    mirror: mirrorService.url,
  };
  const environment = localEnvironment(urls, ALL_TABLES, tableName);
  let stopping: Promise<void> | undefined;
  const startupMs = Date.now() - started;
  log?.(`local stack up in ${startupMs} ms (${tables.length} tables)`);
  return {
    environment,
    urls,
    mirror: mirrorService,
    startupMs,
    stop() {
      stopping ??= stopAll(running);
      return stopping;
    },
  };
}

async function stopAll(services: readonly Stoppable[]): Promise<void> {
  const results = await Promise.allSettled(services.map((service) => service.stop()));
  const failures = results.flatMap((result) =>
    result.status === "rejected" ? [result.reason as unknown] : [],
  );
  if (failures.length > 0) throw new AggregateError(failures, "local stack did not stop cleanly");
}
