"""pyspark.sql.types: StructType, StructField, StringType... every name records its call."""
from glue_stand_in import module_recorder


def __getattr__(name):
    return module_recorder('types', name)
