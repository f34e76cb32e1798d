"""pyspark.sql: SparkSession, Row, the functions and types modules; any other name records."""
from glue_stand_in import Row, module_recorder
from pyspark.sql import functions, types, utils
from pyspark.sql.dataframe import DataFrame
from pyspark.sql.session import SparkSession

__all__ = ['DataFrame', 'Row', 'SparkSession', 'functions', 'types', 'utils']


def __getattr__(name):
    return module_recorder('pyspark.sql', name)
