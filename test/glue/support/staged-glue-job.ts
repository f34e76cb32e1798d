import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { AssetManifestArtifact, type CloudAssembly, type CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';

/**
 * Runs a Glue job of the synthesized cloud assembly the way Glue stages it, with Debian's Python against the recording
 * stand-ins in ./glue-stand-ins (no Spark can be installed here):
 * - the script and every `--extra-files` object are copied into a fresh working directory under their S3 object names,
 *   found through the stack's asset manifest, so the files are exactly the ones CDK uploads;
 * - `sys.argv` is the job's DefaultArguments (intrinsics resolved to placeholders), overridden by the run's
 *   Arguments, plus what Glue adds to every run.
 */

/** Debian's Python: the pyenv `python3` first on PATH is another interpreter (see toolchain-notes). */
export const DEBIAN_PYTHON = '/usr/bin/python3';
export const GLUE_STAND_INS_DIR = join(__dirname, 'glue-stand-ins');
/** Placeholders for what only a deployment knows. */
export const PLACEHOLDER_ACCOUNT = '123456789012';
export const PLACEHOLDER_JOB_RUN_ID = 'jr_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
export const PLACEHOLDER_JOB_ID = 'j_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const PYTHON_TIMEOUT_MS = 30_000;

/** A file as Glue fetches it: its S3 URL, the name it gets in the working directory, the assembly file CDK uploads there. */
export interface StagedFile {
  readonly url: string;
  readonly objectKey: string;
  /** The S3 object's name (the key's last segment): Glue copies the object under this name. */
  readonly stagedName: string;
  readonly assemblyPath: string;
}

export interface GlueJobUnderTest {
  readonly logicalId: string;
  readonly jobName: string;
  readonly script: StagedFile;
  readonly extraFiles: readonly StagedFile[];
  /** DefaultArguments, CloudFormation intrinsics resolved to placeholders (`resolved:<logicalId>`, ARNs for secrets). */
  readonly defaultArguments: Readonly<Record<string, string>>;
  readonly securityConfiguration?: string;
  /** The stack's region. */
  readonly region: string;
}

/** A frame the stand-ins hand out: its columns, its row count (default: the number of rows) and rows. */
export interface StandInFrame {
  readonly columns?: readonly string[];
  readonly count?: number;
  readonly rows?: readonly (Record<string, unknown> | readonly unknown[])[];
}

/** What the stand-ins answer (glue-stand-ins/glue_stand_in/__init__.py and boto3/__init__.py read it). */
export interface StandInWorld {
  /**
   * What reads find, by S3 path (or `database.table` for catalog reads): a read of a key, or of a prefix above keys,
   * gets their rows. A Spark read of anything else raises AnalysisException (path not found); a DynamicFrame read
   * gets an empty frame (no new files).
   */
  readonly datasets?: Readonly<Record<string, StandInFrame>>;
  /** The frame spark.sql(...) returns; empty by default. */
  readonly frame_defaults?: StandInFrame;
  /** secretsmanager get_secret_value: SecretId -> SecretString. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** s3 list_objects_v2 (and its paginator), get_object, head_object. */
  readonly s3_objects?: readonly { Bucket: string; Key: string; Size?: number; LastModified?: string; Body?: string }[];
  /**
   * Any other boto3 answer: service -> operation -> a response, or cases [{when: {kwargs subset}, response} |
   * {when, error: {Code, Message}}]. A response with `$pages` is what a paginator yields page by page.
   */
  readonly boto3?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface ChainStep {
  readonly method: string;
  readonly args: unknown[];
  readonly kwargs: Record<string, unknown>;
}

/** One line of the stand-ins' record: an attribute access (`get`) or a call, in the order the script made them. */
export interface StandInEvent {
  readonly seq: number;
  readonly op: 'get' | 'call';
  /** e.g. `spark.sql`, `spark.read.schema().parquet`, `job.commit`, `boto3.secretsmanager.get_secret_value`. */
  readonly path: string;
  readonly args?: unknown[];
  readonly kwargs?: Record<string, unknown>;
  /** On a call that reads data: the format (reader method), the paths, and the reader chain before it (schema, options...). */
  readonly read?: { readonly format: string; readonly paths: string[]; readonly chain: ChainStep[] };
  /** On a call that writes data: the format (writer method), the paths, and the writer chain (mode, partitionBy...). */
  readonly write?: { readonly format: string; readonly paths: string[]; readonly chain: ChainStep[] };
  /** On getResolvedOptions: what it returned. */
  readonly resolved?: Record<string, string | null>;
}

export interface GlueRunOptions {
  /** A directory for the run: it gets a fresh subdirectory with the working directory, the world and the record. */
  readonly root: string;
  /** The job run's Arguments (StartJobRun), which override DefaultArguments: the state machine passes `--run_date`. */
  readonly runArguments?: Readonly<Record<string, string>>;
  readonly world?: StandInWorld;
  /** Arguments (`--name`) to leave out of sys.argv. */
  readonly withoutArguments?: readonly string[];
  /** Files to stage under another name than their S3 object name: object name -> name in the working directory. */
  readonly stageAs?: Readonly<Record<string, string>>;
}

export interface GlueRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** sys.argv as the script got it. */
  readonly argv: readonly string[];
  readonly workDir: string;
  readonly events: readonly StandInEvent[];
}

/** The Glue jobs of a stack in the synthesized assembly, with their script and extra files found in its asset manifest. */
export function glueJobsOf(assembly: CloudAssembly, stackArtifactId: string): GlueJobUnderTest[] {
  const stack = assembly.getStackArtifact(stackArtifactId);
  const resolver = new IntrinsicResolver(assembly);
  const files = fileAssetsOf(assembly, stack);
  const staged = (url: string, what: string): StagedFile => {
    const file = files.get(url);
    if (!file) throw new Error(`${what} ${url} is no file asset of ${stackArtifactId}: Glue would find nothing there`);
    return file;
  };
  return Object.entries<{ Type: string; Properties: Record<string, any> }>(stack.template.Resources ?? {})
    .filter(([, resource]) => resource.Type === 'AWS::Glue::Job')
    .map(([logicalId, { Properties: props }]) => {
      const defaultArguments = Object.fromEntries(Object.entries<unknown>(props.DefaultArguments ?? {})
        .map(([name, value]) => [name, resolver.resolve(value, stack)]));
      const extraFiles = defaultArguments['--extra-files'];
      return {
        logicalId,
        jobName: resolver.resolve(props.Name ?? logicalId, stack),
        script: staged(resolver.resolve(props.Command.ScriptLocation, stack), `${logicalId}: script`),
        extraFiles: extraFiles ? extraFiles.split(',').map((url) => staged(url, `${logicalId}: --extra-files`)) : [],
        defaultArguments,
        securityConfiguration: props.SecurityConfiguration === undefined ? undefined : resolver.resolve(props.SecurityConfiguration, stack),
        region: stack.environment.region,
      };
    });
}

/**
 * sys.argv[1:] of a run: DefaultArguments overridden by the run's Arguments, then what Glue adds to every run. Glue
 * reserves `--JOB_NAME` for itself and sets `--TempDir` (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html);
 * awsglue parses `--JOB_ID`, `--JOB_RUN_ID` and `--SECURITY_CONFIGURATION` as the run's ids (Job.id_params in
 * https://github.com/awslabs/aws-glue-libs/blob/master/awsglue/job.py).
 */
export function glueArgv(job: GlueJobUnderTest, runArguments: Readonly<Record<string, string>> = {}): string[] {
  const glueAdds: Record<string, string> = {
    '--JOB_ID': PLACEHOLDER_JOB_ID,
    '--JOB_RUN_ID': PLACEHOLDER_JOB_RUN_ID,
    '--JOB_NAME': job.jobName,
    '--TempDir': `s3://aws-glue-assets-${PLACEHOLDER_ACCOUNT}-${job.region}/temporary/`,
    ...(job.securityConfiguration !== undefined && { '--SECURITY_CONFIGURATION': job.securityConfiguration }),
  };
  return Object.entries({ ...job.defaultArguments, ...runArguments, ...glueAdds }).flat();
}

/** Stages the job in a fresh working directory and runs its script there; the run's record is read back. */
export function runStagedGlueJob(job: GlueJobUnderTest, options: GlueRunOptions): GlueRun {
  const runDir = mkdtempSync(join(options.root, 'glue-run-'));
  const workDir = join(runDir, 'work');
  mkdirSync(workDir);
  for (const file of [job.script, ...job.extraFiles]) {
    copyFileSync(file.assemblyPath, join(workDir, options.stageAs?.[file.stagedName] ?? file.stagedName));
  }
  const worldFile = join(runDir, 'world.json');
  const recordFile = join(runDir, 'record.jsonl');
  writeFileSync(worldFile, JSON.stringify(options.world ?? {}));

  const without = new Set(options.withoutArguments ?? []);
  const pairs = glueArgv(job, options.runArguments);
  const args: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) if (!without.has(pairs[i])) args.push(pairs[i], pairs[i + 1]);
  const scriptPath = join(workDir, job.script.stagedName);

  const result = spawnSync(DEBIAN_PYTHON, [scriptPath, ...args], {
    cwd: workDir,
    encoding: 'utf8',
    timeout: PYTHON_TIMEOUT_MS,
    // Only what the run needs: no bytecode written into the stand-ins, no user site-packages, no AWS settings.
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      PYTHONPATH: GLUE_STAND_INS_DIR,
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONNOUSERSITE: '1',
      LANG: 'C.UTF-8',
      TZ: 'UTC',
      GLUE_STAND_IN_WORLD: worldFile,
      GLUE_STAND_IN_RECORD: recordFile,
    },
  });
  if (result.error) throw result.error;
  const events = existsSync(recordFile)
    ? readFileSync(recordFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as StandInEvent)
    : [];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, argv: [scriptPath, ...args], workDir, events };
}

/** A script's module-level `ARGUMENTS` list (what it asks getResolvedOptions for), read with Python's ast. */
export function scriptArguments(scriptPath: string): string[] {
  const program = [
    'import ast, json, sys',
    'tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())',
    'values = [ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)',
    '          and any(isinstance(t, ast.Name) and t.id == "ARGUMENTS" for t in node.targets)]',
    'print(json.dumps(values))',
  ].join('\n');
  const result = spawnSync(DEBIAN_PYTHON, ['-c', program, scriptPath], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cannot read ARGUMENTS of ${scriptPath}: ${result.stderr}`);
  const [values, ...more] = JSON.parse(result.stdout) as string[][];
  if (!values || more.length > 0) throw new Error(`${scriptPath}: expected one module-level ARGUMENTS list`);
  return values;
}

/** Calls whose path is `path` (a string) or matches it (a RegExp), in order. */
export function callsTo(run: GlueRun, path: string | RegExp): StandInEvent[] {
  return run.events.filter((event) => event.op === 'call' && (typeof path === 'string' ? event.path === path : path.test(event.path)));
}

/** The text of every spark.sql call, in order. */
export function sqlStatements(run: GlueRun): string[] {
  return callsTo(run, 'spark.sql').map((event) => event.args?.[0] as string);
}

/** The stack's file assets by the S3 URL CDK uploads them to (account placeholder, as in the resolved template). */
function fileAssetsOf(assembly: CloudAssembly, stack: CloudFormationStackArtifact): Map<string, StagedFile> {
  const files = new Map<string, StagedFile>();
  const manifests = stack.dependencies.filter((artifact) => AssetManifestArtifact.isAssetManifestArtifact(artifact)) as AssetManifestArtifact[];
  for (const manifest of manifests) {
    for (const asset of Object.values(manifest.contents.files ?? {})) {
      for (const destination of Object.values(asset.destinations)) {
        const bucket = substitutePseudoParameters(destination.bucketName, destination.region ?? stack.environment.region);
        const url = `s3://${bucket}/${destination.objectKey}`;
        const sourcePath = asset.source.path;
        if (!sourcePath || asset.source.packaging === 'zip') continue; // a directory uploads as a zip, not as a file Glue could stage
        files.set(url, {
          url,
          objectKey: destination.objectKey,
          stagedName: destination.objectKey.split('/').pop()!,
          assemblyPath: isAbsolute(sourcePath) ? sourcePath : join(assembly.directory, sourcePath),
        });
      }
    }
  }
  return files;
}

function pseudoParameter(name: string, region: string, stackName: string): string | undefined {
  return ({
    'AWS::AccountId': PLACEHOLDER_ACCOUNT,
    'AWS::Region': region,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': stackName,
  } as Record<string, string>)[name];
}

function substitutePseudoParameters(text: string, region: string): string {
  return text.replace(/\$\{(AWS::[A-Za-z]+)\}/g, (whole, name: string) => pseudoParameter(name, region, '') ?? whole);
}

/**
 * Resolves CloudFormation intrinsics to readable placeholders, enough for a script: pseudo parameters, Fn::Join,
 * Fn::Sub, Fn::GetStackOutput (through the producing stack's output), Ref (`resolved:<logicalId>`; a secret's Ref is
 * its ARN, so it resolves to an ARN) and Fn::GetAtt (`resolved:<logicalId>.<attribute>`).
 */
class IntrinsicResolver {
  constructor(private readonly assembly: CloudAssembly) {}

  resolve(value: unknown, stack: CloudFormationStackArtifact): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`cannot resolve ${JSON.stringify(value)}`);
    const [[fn, arg], ...rest] = Object.entries(value as Record<string, any>);
    if (rest.length > 0) throw new Error(`not an intrinsic: ${JSON.stringify(value)}`);
    switch (fn) {
      case 'Ref':
        return this.ref(arg, stack);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
        return `resolved:${logicalId}.${attribute}`;
      }
      case 'Fn::Join':
        return (arg[1] as unknown[]).map((part) => this.resolve(part, stack)).join(arg[0]);
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(arg) ? arg : [arg, {}];
        return (text as string).replace(/\$\{([^}]+)\}/g, (_whole, name: string) => {
          if (name.startsWith('!')) return `\${${name.slice(1)}}`;
          if (name in variables) return this.resolve(variables[name], stack);
          if (name.includes('.') && !name.startsWith('AWS::')) return this.resolve({ 'Fn::GetAtt': name.split('.') }, stack);
          return this.ref(name, stack);
        });
      }
      case 'Fn::GetStackOutput': {
        const producer = this.assembly.stacks.find((candidate) => candidate.stackName === arg.StackName);
        const output = producer?.template.Outputs?.[arg.OutputName];
        return output && producer ? this.resolve(output.Value, producer) : `resolved:${arg.OutputName}`;
      }
      case 'Fn::ImportValue': {
        const name = this.resolve(arg, stack);
        for (const producer of this.assembly.stacks) {
          const output = Object.values<any>(producer.template.Outputs ?? {}).find((candidate) => candidate.Export?.Name === name);
          if (output) return this.resolve(output.Value, producer);
        }
        return `resolved:${name}`;
      }
      default:
        throw new Error(`unsupported intrinsic ${fn} in ${stack.id}`);
    }
  }

  private ref(name: string, stack: CloudFormationStackArtifact): string {
    const pseudo = pseudoParameter(name, stack.environment.region, stack.stackName);
    if (pseudo !== undefined) return pseudo;
    const resource = stack.template.Resources?.[name];
    if (resource?.Type === 'AWS::SecretsManager::Secret') {
      return `arn:aws:secretsmanager:${stack.environment.region}:${PLACEHOLDER_ACCOUNT}:secret:${name}`;
    }
    const parameter = stack.template.Parameters?.[name];
    if (parameter?.Default !== undefined && !resource) return String(parameter.Default);
    return `resolved:${name}`;
  }
}
