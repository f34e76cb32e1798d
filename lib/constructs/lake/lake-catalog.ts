import { Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { DEFAULT_DATA_RETENTION, removalPolicyFor } from '../private/data-retention';
import { limitGrantsToAwsResources } from '../private/key-grants';
import { allowLogGroupEncryption } from '../private/log-encryption';
import { acknowledgeWildcardResource } from '../private/wildcard-acknowledgement';
import type { LakeCatalogProps } from './lake-catalog-props';

export const DEFAULT_BYTES_SCANNED_CUTOFF_PER_QUERY = 10 * 1024 ** 3;
export const ATHENA_ENGINE_VERSION = 'Athena engine version 3';
/** Where in the query-results zone the workgroup writes. */
export const ATHENA_RESULTS_PREFIX = 'athena/';
const PARTITION_WRITE_ACTIONS = [
  'glue:BatchGetPartition', 'glue:BatchCreatePartition', 'glue:CreatePartition', 'glue:UpdatePartition', 'glue:BatchUpdatePartition',
];

/**
 * The catalog of the lake: a Glue database per zone (landing, raw, curated), the Glue security configuration every
 * crawler and job must use (S3 SSE-KMS, encrypted CloudWatch logs, CSE-KMS job bookmarks), and an Athena workgroup
 * whose encrypted result location analysts cannot override.
 */
export class LakeCatalog extends Construct {
  public readonly landingDatabase: glue.Database;
  public readonly rawDatabase: glue.Database;
  public readonly curatedDatabase: glue.Database;
  /** Encrypts Glue's CloudWatch logs and job bookmarks. */
  public readonly glueKey: kms.Key;
  public readonly securityConfiguration: glue.SecurityConfiguration;
  public readonly workGroup: athena.CfnWorkGroup;

  constructor(scope: Construct, id: string, props: LakeCatalogProps) {
    super(scope, id);
    const { lake, names } = props;
    const retention = props.retention ?? DEFAULT_DATA_RETENTION;
    const stack = Stack.of(this);

    const database = (databaseId: string, zone: string, bucketName: string, description: string) =>
      new glue.Database(this, databaseId, {
        databaseName: `${names.gluePrefix}_${zone}`,
        locationUri: `s3://${bucketName}/`,
        description,
      });
    this.landingDatabase = database('LandingDatabase', 'landing', lake.landing.bucket.bucketName, 'Files as delivered by the sources');
    this.rawDatabase = database('RawDatabase', 'raw', lake.raw.bucket.bucketName, 'Validated raw history and CDC records');
    this.curatedDatabase = database('CuratedDatabase', 'curated', lake.curated.bucket.bucketName, 'Clean, enriched tables for analytics');

    this.glueKey = new kms.Key(this, 'GlueKey', {
      description: 'Encrypts Glue job logs and job bookmarks',
      enableKeyRotation: true,
      removalPolicy: removalPolicyFor(retention),
    });
    // CloudWatch Logs encrypts the log groups of Glue crawlers and jobs (all under /aws-glue/) with this key.
    allowLogGroupEncryption(this.glueKey, '/aws-glue/*');
    limitGrantsToAwsResources(this.glueKey);

    this.securityConfiguration = new glue.SecurityConfiguration(this, 'SecurityConfiguration', {
      securityConfigurationName: `${names.gluePrefix}_glue`,
      s3Encryption: glue.S3Encryption.kms(lake.key),
      cloudWatchEncryption: glue.CloudWatchEncryption.kms(this.glueKey),
      jobBookmarksEncryption: glue.JobBookmarksEncryption.clientSideKms(this.glueKey),
    });

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: names.named('analytics'),
      description: 'Analysts query the lake here; results are encrypted and the settings enforced',
      state: 'ENABLED',
      recursiveDeleteOption: retention === 'destroy',
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        requesterPaysEnabled: false,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery ?? DEFAULT_BYTES_SCANNED_CUTOFF_PER_QUERY,
        engineVersion: { selectedEngineVersion: ATHENA_ENGINE_VERSION },
        resultConfiguration: {
          outputLocation: `s3://${lake.queryResults.bucket.bucketName}/${ATHENA_RESULTS_PREFIX}`,
          expectedBucketOwner: stack.account,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: lake.key.keyArn },
        },
      },
    });
  }

  /** Lets `grantee` read table definitions of the given databases (crawlers, jobs, the warehouse's Spectrum). */
  public grantReadCatalog(grantee: iam.IGrantable, ...databases: glue.Database[]): iam.Grant {
    return this.grantOnTables(grantee, databases, ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions']);
  }

  /** Lets `grantee` add and update partitions of the tables of `database` (jobs registering what they wrote). */
  public grantWritePartitions(grantee: iam.IGrantable, database: glue.Database): iam.Grant {
    return this.grantOnTables(grantee, [database], PARTITION_WRITE_ACTIONS);
  }

  /**
   * Lets `grantee` create and update tables, their partitions and partition indexes in the given databases (crawlers,
   * which create partition indexes by default: https://docs.aws.amazon.com/glue/latest/dg/crawler-configure-partition-indexes.html).
   */
  public grantWriteTables(grantee: iam.IGrantable, ...databases: glue.Database[]): iam.Grant {
    return this.grantOnTables(grantee, databases, ['glue:CreateTable', 'glue:UpdateTable', 'glue:CreatePartitionIndex', ...PARTITION_WRITE_ACTIONS]);
  }

  /** Lets `grantee` update the definitions of the named tables of `database`, and no other table. */
  public grantUpdateTables(grantee: iam.IGrantable, database: glue.Database, tableNames: readonly string[]): iam.Grant {
    const stack = Stack.of(this);
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['glue:UpdateTable'],
      resourceArns: [
        this.catalogArn,
        database.databaseArn,
        ...tableNames.map((table) => `arn:${stack.partition}:glue:${stack.region}:${stack.account}:table/${database.databaseName}/${table}`),
      ],
    });
  }

  /**
   * Lets `grantee` look up the catalog's `default` database. Spark's Glue Data Catalog client does so when it starts
   * and fails when refused (AWSCatalogMetastoreClient#doesDefaultDBExist in
   * https://github.com/awslabs/aws-glue-data-catalog-client-for-apache-hive-metastore).
   */
  public grantDefaultDatabaseLookup(grantee: iam.IGrantable): iam.Grant {
    const stack = Stack.of(this);
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['glue:GetDatabase'],
      resourceArns: [this.catalogArn, `arn:${stack.partition}:glue:${stack.region}:${stack.account}:database/default`],
    });
  }

  private get catalogArn(): string {
    const stack = Stack.of(this);
    return `arn:${stack.partition}:glue:${stack.region}:${stack.account}:catalog`;
  }

  /**
   * Tables are named by crawlers and jobs at run time, so a grant covers `table/<database>/*`; cdk-nag's IAM5 finding
   * for it is acknowledged here, on the grantee alone, since the actions are exact and the database is the boundary.
   */
  private grantOnTables(grantee: iam.IGrantable, databases: glue.Database[], actions: string[]): iam.Grant {
    const stack = Stack.of(this);
    const tablesOf = (db: glue.Database) => `arn:${stack.partition}:glue:${stack.region}:${stack.account}:table/${db.databaseName}/*`;
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: [
        this.catalogArn,
        ...databases.flatMap((db) => [db.databaseArn, tablesOf(db)]),
      ],
    });
    if (Construct.isConstruct(grantee.grantPrincipal)) {
      for (const db of databases) {
        acknowledgeWildcardResource(grantee.grantPrincipal, tablesOf(db),
          `${actions.join(', ')} on the tables of ${db.databaseName} only: tables are named at run time.`);
      }
    }
    return grant;
  }
}
