#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig } from '../lib/config/load-stage-config';
import { buildPipeline } from '../lib/pipeline';

const app = new App();
buildPipeline(app, loadStageConfig(app.node.tryGetContext('stage')));
// Any AwsSolutions finding that is not acknowledged at its construct fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
