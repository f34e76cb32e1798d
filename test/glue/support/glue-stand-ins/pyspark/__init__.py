"""Stand-in for PySpark (see glue_stand_in): no JVM, every call records."""
from glue_stand_in import module_recorder
from pyspark.context import SparkContext

__all__ = ['SparkContext']


def __getattr__(name):
    return module_recorder('pyspark', name)
