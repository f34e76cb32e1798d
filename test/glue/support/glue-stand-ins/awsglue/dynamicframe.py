"""awsglue.dynamicframe: DynamicFrame and friends record like everything else."""
from glue_stand_in import module_recorder


def __getattr__(name):
    return module_recorder('dynamicframe', name)
