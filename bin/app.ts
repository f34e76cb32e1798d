#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig } from '../lib/config/load-stage-config';
import { buildPipeline } from '../lib/pipeline';

// cfn-lint checks the templates of both stages in CI (.ci/run). aws-cdk-lib's built-in validator would run a similar
// rule set on every synth, for 3 to 5 of the 15 seconds a synth may take here.
const app = new App({ builtinCloudFormationValidation: false });
buildPipeline(app, loadStageConfig(app.node.tryGetContext('stage')));
// Any AwsSolutions finding that is not acknowledged at its construct fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
