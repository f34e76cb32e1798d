"""pyspark.sql.utils: the exceptions Spark 3.5 still offers here (they live in pyspark.errors)."""
from pyspark.errors import AnalysisException, IllegalArgumentException, ParseException

__all__ = ['AnalysisException', 'IllegalArgumentException', 'ParseException']
