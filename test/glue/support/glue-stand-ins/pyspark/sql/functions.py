"""pyspark.sql.functions: every name is a function that records its call and returns a column."""
from glue_stand_in import module_recorder


def __getattr__(name):
    return module_recorder('functions', name, product_kind='column')
