import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfigSlice } from '../config/stage-config';
import { DataLake } from '../constructs/lake/data-lake';
import { LakeCatalog } from '../constructs/lake/lake-catalog';
import type { StageNames } from '../constructs/private/stage-names';

export type LakeStackConfig = StageConfigSlice<'lake' | 'removalPolicy'>;

export interface LakeStackProps extends StackProps {
  /** The keys of the stage's configuration this stack reads. */
  readonly config: LakeStackConfig;
  /** The stage's names, which the catalog's resources take. */
  readonly names: StageNames;
}

/** Stateful: the lake's buckets, their key, and the catalog that describes them. */
export class LakeStack extends Stack {
  public readonly lake: DataLake;
  public readonly catalog: LakeCatalog;

  constructor(scope: Construct, id: string, props: LakeStackProps) {
    super(scope, id, props);
    const { lake: lakeConfig, removalPolicy } = props.config;
    this.lake = new DataLake(this, 'DataLake', {
      retention: removalPolicy,
      landingExpiration: Duration.days(lakeConfig.landingExpirationDays),
      rawInfrequentAccessAfter: Duration.days(lakeConfig.rawInfrequentAccessAfterDays),
      rawGlacierAfter: Duration.days(lakeConfig.rawGlacierAfterDays),
      changeBatchExpiration: lakeConfig.changeBatchExpirationDays === undefined ? undefined : Duration.days(lakeConfig.changeBatchExpirationDays),
      quarantineExpiration: Duration.days(lakeConfig.quarantineExpirationDays),
      noncurrentVersionExpiration: Duration.days(lakeConfig.noncurrentVersionExpirationDays),
      accessLogExpiration: Duration.days(lakeConfig.accessLogExpirationDays),
      queryResultsExpiration: Duration.days(lakeConfig.athenaResultsExpirationDays),
    });
    this.catalog = new LakeCatalog(this, 'Catalog', {
      lake: this.lake,
      names: props.names,
      retention: removalPolicy,
    });
  }
}
