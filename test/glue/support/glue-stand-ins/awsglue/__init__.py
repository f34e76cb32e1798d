"""Stand-in for AWS Glue's `awsglue` library (see glue_stand_in)."""
from glue_stand_in import module_recorder


def __getattr__(name):
    return module_recorder('awsglue', name)
