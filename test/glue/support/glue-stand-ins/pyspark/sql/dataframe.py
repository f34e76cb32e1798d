"""pyspark.sql.dataframe: DataFrame, for annotations and unbound methods; frames come from reads, spark.sql, createDataFrame."""
from glue_stand_in import Recorder

DataFrame = Recorder('DataFrame', 'frame_class')
