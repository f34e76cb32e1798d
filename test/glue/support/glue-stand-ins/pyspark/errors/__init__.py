"""pyspark.errors: real exception classes, so `except AnalysisException` works; any other *Exception name is made."""


class PySparkException(Exception):
    pass


class AnalysisException(PySparkException):
    pass


class ParseException(AnalysisException):
    pass


class IllegalArgumentException(PySparkException):
    pass


_made = {}


def __getattr__(name):
    if name.startswith('__') or not (name.endswith('Exception') or name.endswith('Error')):
        raise AttributeError(f"module 'pyspark.errors' has no attribute {name!r}")
    return _made.setdefault(name, type(name, (PySparkException,), {}))
