import { Annotations, CfnOutput, Stack, type StackProps, Tags } from "aws-cdk-lib";
import type { Construct } from "constructs";
import type { CodecurrentConfig } from "./config/codecurrent-config.js";
import { Api } from "./constructs/api.js";
import { CeuReminders } from "./constructs/ceu-reminders.js";
import { ChangeLog } from "./constructs/change-log.js";
import { Collectors } from "./constructs/collectors.js";
import { Digests, digestSenderRate } from "./constructs/digests.js";
import { EmailSending } from "./constructs/email-sending.js";
import { Operations } from "./constructs/operations.js";
import { SignUpWorker } from "./constructs/sign-up-worker.js";
import { SubscriberMail } from "./constructs/subscriber-mail.js";
import { SubscriberTables } from "./constructs/subscriber-tables.js";
import { SubscriptionPages } from "./constructs/subscription-pages.js";
import { TokenSecretParameter } from "./constructs/token-secret-parameter.js";
import { Web } from "./constructs/web.js";

export interface CodecurrentStackProps extends StackProps {
  readonly config: CodecurrentConfig;
}

/**
 * Everything codecurrent runs on, wired by concern: change log storage, the collectors that
 * fill it, the operations that watch them, the review API and page; and for people, their
 * tables and (with a sender address) email through SES, the digests, the CEU reminders and the
 * public subscription endpoints their emails link to.
 */
export class CodecurrentStack extends Stack {
  readonly changeLog: ChangeLog;
  readonly collectors: Collectors;
  readonly operations: Operations;
  readonly web: Web;
  readonly api: Api;
  readonly subscriberTables: SubscriberTables;
  /** SES, the digests, the reminders and the public /subscriptions routes: absent without a senderAddress. */
  readonly email?: EmailSending;
  readonly tokenSecret?: TokenSecretParameter;
  readonly digests?: Digests;
  readonly ceuReminders?: CeuReminders;
  readonly subscriptions?: SubscriptionPages;
  readonly signUps?: SignUpWorker;

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

    // Id "Digests": the tables were created under it before the people constructs were split, and
    // a table's logical id must never change (prod tables are retained: a new id is a new, empty table).
    this.subscriberTables = new SubscriberTables(this, "Digests", { config });
    // Without a senderAddress nothing sends mail, so there are no digests, reminders, token secret
    // or /subscriptions routes either: nobody can sign up for mail that cannot go out. A GET there
    // meets the review routes' JWT authorizer (401), a POST no route (404).
    if (config.senderAddress) {
      this.tokenSecret = new TokenSecretParameter(this, config);
      this.email = new EmailSending(this, "Email", {
        config,
        senderAddress: config.senderAddress,
        maxSendRate: digestSenderRate(config),
        tables: this.subscriberTables,
      });
      // Operators hear of a source that keeps failing at the address its alarms go to.
      if (config.alarmEmail)
        this.collectors.enableOperatorAlerts(this.email, config.alarmEmail, config.alertAfterFailures);
      // Every email links to the subscription pages: their REST API stage (behind its WAF web ACL).
      this.subscriptions = new SubscriptionPages(this, "SubscriptionPages", { config });
      const mail = new SubscriberMail(
        this.subscriberTables,
        this.email,
        this.tokenSecret,
        this.subscriptions.publicBaseUrl,
      );
      this.digests = new Digests(this, "DigestDelivery", {
        config,
        changeLog: this.changeLog,
        mail,
        alarmTopic: this.operations.alarmTopic,
      });
      this.ceuReminders = new CeuReminders(this, "CeuReminders", {
        config,
        mail,
        deadLetterQueue: this.digests.digestDeadLetterQueue,
      });
      this.signUps = new SignUpWorker(this, "SignUps", {
        config,
        mail,
        alarmTopic: this.operations.alarmTopic,
      });
      this.subscriptions.serve({ mail, changeLog: this.changeLog, signUpQueue: this.signUps.queue });
    } else {
      Annotations.of(this).addInfo(
        "No senderAddress configured: subscriber tables only, no digests sent. Deploy with -c senderAddress=….",
      );
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
      SubscribersTableName: this.subscriberTables.subscribers.tableName,
      DeliveriesTableName: this.subscriberTables.deliveries.tableName,
      AddressesTableName: this.subscriberTables.addresses.tableName,
      CeusTableName: this.subscriberTables.ceus.tableName,
    };
    if (this.digests && this.email && this.tokenSecret) {
      Object.assign(outputs, {
        DigestQueueUrl: this.digests.digestQueue.queueUrl,
        DigestDeadLetterQueueUrl: this.digests.digestDeadLetterQueue.queueUrl,
        SesConfigurationSetName: this.email.configurationSet.configurationSetName,
        TokenSecretParameterName: this.tokenSecret.name,
      });
    }
    // The one address collectors reach publishers from (collectEgress=fixed-ip): ask CMS to allow it.
    if (this.collectors.egress) outputs.CollectEgressAddress = this.collectors.egress.address.ref;
    if (this.subscriptions?.logGroup && this.signUps) {
      Object.assign(outputs, {
        SubscriptionsUrl: `${this.subscriptions.publicBaseUrl}/subscriptions`,
        SubscriptionLogGroupName: this.subscriptions.logGroup.logGroupName,
        SubscriptionWebAclArn: this.subscriptions.webAcl.attrArn,
        SignUpDeadLetterQueueUrl: this.signUps.deadLetterQueue.queueUrl,
      });
    }
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
