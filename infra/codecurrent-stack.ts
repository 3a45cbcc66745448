import { CfnOutput, Stack, type StackProps, Tags } from "aws-cdk-lib";
import type { Construct } from "constructs";
import type { CodecurrentConfig } from "./config/codecurrent-config.js";
import { Api } from "./constructs/api.js";
import { ChangeLog } from "./constructs/change-log.js";
import { Collectors } from "./constructs/collectors.js";
import { Digests } from "./constructs/digests.js";
import { Operations } from "./constructs/operations.js";
import { SubscriptionEndpoints } from "./constructs/subscription-endpoints.js";
import { Web } from "./constructs/web.js";

export interface CodecurrentStackProps extends StackProps {
  readonly config: CodecurrentConfig;
}

/**
 * Everything codecurrent runs on, wired by concern: change log storage, the collectors that
 * fill it, the operations that watch them, the review API and page, the digests, and the public
 * subscription endpoints their emails link to.
 */
export class CodecurrentStack extends Stack {
  readonly changeLog: ChangeLog;
  readonly collectors: Collectors;
  readonly operations: Operations;
  readonly web: Web;
  readonly api: Api;
  readonly digests: Digests;
  /** The public /subscriptions routes and their function; absent without a senderAddress. */
  readonly subscriptions?: SubscriptionEndpoints;

  constructor(scope: Construct, id: string, props: CodecurrentStackProps) {
    super(scope, id, {
      description: `codecurrent (${props.config.stage}): watches CMS code sets and records what changed`,
      ...props,
    });
    const { config } = props;
    Tags.of(this).add("project", "codecurrent");
    Tags.of(this).add("stage", config.stage);

    this.changeLog = new ChangeLog(this, "ChangeLog", { config });
    this.collectors = new Collectors(this, "Collectors", { config, changeLog: this.changeLog });
    this.operations = new Operations(this, "Operations", { config, collectors: this.collectors });
    // The page first (its address is the API's only CORS origin and the Cognito callback), then
    // the API, then the page's config.json naming the API and the sign-in.
    this.web = new Web(this, "Web", { config });
    this.api = new Api(this, "Api", { config, changeLog: this.changeLog, webUrl: this.web.url });
    this.web.deploy({
      apiBase: this.api.httpApi.apiEndpoint,
      auth: {
        mode: "cognito",
        domain: this.api.hostedUiUrl,
        clientId: this.api.userPoolClient.userPoolClientId,
        redirectUri: this.web.url,
      },
    });

    // Digests link to the API's /subscriptions/* endpoints; without a senderAddress only their tables deploy.
    this.digests = new Digests(this, "Digests", {
      config,
      changeLog: this.changeLog,
      ...(config.senderAddress ? { senderAddress: config.senderAddress } : {}),
      publicBaseUrl: this.api.httpApi.apiEndpoint,
      alarmTopic: this.operations.alarmTopic,
    });
    // Without a senderAddress the digests have no sending part (no SES identity, no token secret),
    // so there is no subscription function and no /subscriptions routes either: nobody can sign up
    // for mail that cannot go out. A GET there meets the review routes' JWT authorizer (401), a POST no route (404).
    if (this.digests.sending) {
      this.subscriptions = new SubscriptionEndpoints(this, "Subscriptions", {
        config,
        api: this.api,
        sending: this.digests.sending,
      });
    }

    // What the README's operator commands need, readable with `aws cloudformation describe-stacks`.
    const outputs: Record<string, string> = {
      ChangesTableName: this.changeLog.changes.tableName,
      SourcesTableName: this.changeLog.sources.tableName,
      RunsTableName: this.changeLog.runs.tableName,
      ArchiveBucketName: this.changeLog.archive.bucket.bucketName,
      CollectFunctionName: this.collectors.collectFunction.functionName,
      CollectLogGroupName: this.collectors.logGroup.logGroupName,
      ScheduleDeadLetterQueueUrl: this.collectors.scheduleDeadLetterQueue.queueUrl,
      FailedInvocationQueueUrl: this.collectors.failedInvocationQueue.queueUrl,
      AlarmTopicArn: this.operations.alarmTopic.topicArn,
      DashboardName: this.operations.dashboard.dashboardName,
      WebUrl: this.web.url,
      ApiUrl: this.api.httpApi.apiEndpoint,
      ReviewerUserPoolId: this.api.userPool.userPoolId,
      ReviewerSignInUrl: this.api.hostedUiUrl,
    };
    outputs.SubscribersTableName = this.digests.subscribers.tableName;
    outputs.DeliveriesTableName = this.digests.deliveries.tableName;
    const sending = this.digests.sending;
    if (sending) {
      Object.assign(outputs, {
        DigestQueueUrl: sending.digestQueue.queueUrl,
        DigestDeadLetterQueueUrl: sending.digestDeadLetterQueue.queueUrl,
        SesConfigurationSetName: sending.configurationSet.configurationSetName,
        TokenSecretParameterName: sending.tokenSecretParameterName,
      });
    }
    if (this.subscriptions) {
      Object.assign(outputs, {
        SubscriptionsUrl: `${this.api.httpApi.apiEndpoint}/subscriptions`,
        SubscriptionLogGroupName: this.subscriptions.logGroup.logGroupName,
      });
    }
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
