"""pyspark.sql.session: SparkSession.builder...getOrCreate() (or SparkSession(sc)) gives `spark`."""
from glue_stand_in import Recorder

SparkSession = Recorder('SparkSession')
