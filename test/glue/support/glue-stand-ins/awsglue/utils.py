"""awsglue.utils.getResolvedOptions, written for the stand-ins with the behaviour of AWS Glue's.

Like Glue's: argparse over `sys.argv[1:]` with `--name value` pairs; each requested name is required (a missing one
raises GlueArgumentError, so the job fails); arguments nobody asked for are ignored; the options Glue itself passes or
reserves (bookmarks, run and job ids, the temporary directories) are optional and may not be requested by name.
"""
import argparse

from glue_stand_in import record

BOOKMARK_OPTION = '--job-bookmark-option'
BOOKMARK_CHOICES = ['job-bookmark-enable', 'job-bookmark-pause', 'job-bookmark-disable']
# Passed by Glue or reserved for it; the job may not ask for them by name.
RESERVED = ['--continuation-option', '--job-bookmark-from', '--job-bookmark-to', '--encryption-type', '--enable-data-lineage']
# Passed by Glue to every run; optional to the parser, and a job may ask for them (JOB_NAME above all).
GLUE_IDS = ['JOB_NAME', 'JOB_ID', 'JOB_RUN_ID', 'SECURITY_CONFIGURATION']
TEMP_DIRS = ['TempDir', 'RedshiftTempDir']


class GlueArgumentError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    # Raise instead of printing usage and exiting, so the job fails with the reason.
    def error(self, message):
        raise GlueArgumentError(message)


def getResolvedOptions(args, options):
    for option in [BOOKMARK_OPTION, *RESERVED]:
        if option[2:] in options:
            raise RuntimeError(f'Using reserved arguments {option}')
    parser = _Parser(allow_abbrev=False)
    parser.add_argument(BOOKMARK_OPTION, choices=BOOKMARK_CHOICES)
    for option in RESERVED:
        parser.add_argument(option)
    for name in GLUE_IDS + TEMP_DIRS:
        if name not in options or name in TEMP_DIRS:
            parser.add_argument(f'--{name}')
    for name in options:
        if name not in TEMP_DIRS:
            parser.add_argument(f'--{name}', required=True)
    parsed, _unknown = parser.parse_known_args(args[1:])
    resolved = vars(parsed)
    if resolved['TempDir'] is None:
        resolved['TempDir'] = resolved['RedshiftTempDir']
    resolved['RedshiftTempDir'] = resolved['TempDir']
    if resolved['job_bookmark_option'] is None:
        resolved['job_bookmark_option'] = 'job-bookmark-disable'
    record('call', 'getResolvedOptions', [options], resolved=resolved)
    return resolved
