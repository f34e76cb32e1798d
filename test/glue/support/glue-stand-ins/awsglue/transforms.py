"""awsglue.transforms: ApplyMapping, Relationalize...: any name records."""
from glue_stand_in import module_recorder


def __getattr__(name):
    return module_recorder('transforms', name)
