import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";
import { CHANGE_LOG_TABLES, CHANGES_TABLE, RUNS_TABLE, SOURCES_TABLE } from "#shared/aws/tables.js";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import { EvidenceArchive } from "./evidence-archive.js";
import { tableFromDefinition } from "./table-from-definition.js";

export interface ChangeLogProps {
  readonly config: CodecurrentConfig;
}

/**
 * Change log storage: the changes, per-source state and run tables (built from
 * shared/aws/tables.ts) and the evidence archive behind them.
 */
export class ChangeLog extends Construct {
  /** Every table, by its logical name in shared/aws/tables.ts. */
  readonly tables: ReadonlyMap<string, Table>;
  readonly changes: Table;
  readonly sources: Table;
  readonly runs: Table;
  readonly archive: EvidenceArchive;

  constructor(scope: Construct, id: string, props: ChangeLogProps) {
    super(scope, id);
    const { config } = props;
    const tables = new Map<string, Table>();
    for (const definition of CHANGE_LOG_TABLES) {
      tables.set(definition.name, tableFromDefinition(this, definition, config.stage));
    }
    this.tables = tables;
    this.changes = tableNamed(tables, CHANGES_TABLE.name);
    this.sources = tableNamed(tables, SOURCES_TABLE.name);
    this.runs = tableNamed(tables, RUNS_TABLE.name);

    this.archive = new EvidenceArchive(this, "Archive", {
      stage: config.stage,
      glacierAfterDays: config.archiveGlacierAfterDays,
      noncurrentVersionDays: config.archiveNoncurrentVersionDays,
      accessLogRetentionDays: config.accessLogRetentionDays,
    });
  }
}

function tableNamed(tables: ReadonlyMap<string, Table>, name: string): Table {
  const table = tables.get(name);
  if (!table) throw new Error(`table "${name}" is not in CHANGE_LOG_TABLES`);
  return table;
}
