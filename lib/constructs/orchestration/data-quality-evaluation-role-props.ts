import type * as glue from 'aws-cdk-lib/aws-glue';
import type { LakeCatalog } from '../lake/lake-catalog';
import type { LakeZone } from '../lake/lake-zone';

export interface DataQualityEvaluationRoleProps {
  /** The zone whose tables are evaluated. */
  readonly zone: LakeZone;
  readonly catalog: LakeCatalog;
  /** The catalog database of the evaluated tables. */
  readonly database: glue.Database;
  /** Rulesets the role may read and publish results for. */
  readonly rulesetNames: readonly string[];
}
