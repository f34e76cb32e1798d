"""pyspark.context: SparkContext.getOrCreate() (or SparkContext()) gives `sc`."""
from glue_stand_in import Recorder, module_recorder

SparkContext = Recorder('SparkContext')


def __getattr__(name):
    return module_recorder('pyspark.context', name)
