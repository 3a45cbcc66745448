import { Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  StorageClass,
} from "aws-cdk-lib/aws-s3";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import type { Stage } from "../config/codecurrent-config.js";

export interface EvidenceArchiveProps {
  readonly stage: Stage;
  readonly glacierAfterDays: number;
  readonly noncurrentVersionDays: number;
  readonly accessLogRetentionDays: number;
}

/**
 * The S3 archive of raw source files and parsed snapshots (sha256-keyed): the evidence every
 * change points at. Plus the bucket its server access logs go to, so every read of the evidence
 * is on record too.
 */
export class EvidenceArchive extends Construct {
  readonly bucket: Bucket;
  readonly accessLogBucket: Bucket;

  constructor(scope: Construct, id: string, props: EvidenceArchiveProps) {
    super(scope, id);
    const prod = props.stage === "prod";
    // In dev, `cdk destroy` empties and removes the buckets; in prod the evidence is retained.
    const removal = prod
      ? { removalPolicy: RemovalPolicy.RETAIN }
      : { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true };

    this.accessLogBucket = new Bucket(this, "AccessLogs", {
      // S3 delivers server access logs only to buckets encrypted with SSE-S3, not SSE-KMS.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Log delivery is granted by bucket policy (feature flag serverAccessLogsUseBucketPolicy), so ACLs can stay disabled.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: "expire-access-logs", expiration: Duration.days(props.accessLogRetentionDays) }],
      ...removal,
    });
    NagSuppressions.addResourceSuppressions(this.accessLogBucket, [
      {
        id: "AwsSolutions-S1",
        reason:
          "This bucket is the server access log destination of the evidence archive; logging it to itself would log its own log deliveries without end.",
      },
    ]);

    this.bucket = new Bucket(this, "Bucket", {
      // SSE-S3: the archive holds public CMS files; SSE-KMS would add a KMS request per object
      // (snapshot files are read back on every run) without protecting anything more.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // An overwritten or deleted piece of evidence stays recoverable for a while.
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: "archive/",
      lifecycleRules: [
        {
          id: "evidence-to-glacier-instant-retrieval",
          // Evidence is read rarely (audits, replays) but must come back in milliseconds.
          transitions: [
            {
              storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL,
              transitionAfter: Duration.days(props.glacierAfterDays),
            },
          ],
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      ...removal,
    });
  }
}
