"""Core of the recording stand-ins for awsglue, pyspark and boto3 (no Spark can be installed on the test machines).

A job script runs unchanged against them (test/glue/support/staged-glue-job.ts stages and runs it):
- every attribute access and call on a stand-in object returns another `Recorder` and is appended to the JSON Lines
  file named by GLUE_STAND_IN_RECORD: {"seq", "op": "get" | "call", "path", "args", "kwargs", ...};
- a few answers come from the JSON "world" file named by GLUE_STAND_IN_WORLD: the data a read finds (`datasets`),
  secrets and S3 objects (`secrets`, `s3_objects`), any other boto3 answer (`boto3`). staged-glue-job.ts types it.
A read of a path the world does not hold raises AnalysisException, as Spark does for a path that does not exist.
"""
import json
import math
import os

RECORD_ENV = 'GLUE_STAND_IN_RECORD'
WORLD_ENV = 'GLUE_STAND_IN_WORLD'

_state = {'world': None, 'record_file': None, 'seq': 0}


def world():
    if _state['world'] is None:
        path = os.environ.get(WORLD_ENV)
        if path:
            with open(path, encoding='utf-8') as world_file:
                _state['world'] = json.load(world_file)
        else:
            _state['world'] = {}
    return _state['world']


def jsonable(value):
    if isinstance(value, Recorder):
        return {'$recorder': value._path}
    if isinstance(value, Row):
        return value.asDict()
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (bytes, bytearray)):
        return {'$bytes': bytes(value).hex()}
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(item) for item in value]
    if hasattr(value, 'isoformat'):
        return value.isoformat()
    if isinstance(value, type):
        return {'$type': value.__name__}
    return {'$repr': repr(value)}


def record(op, path, args=(), kwargs=None, **extra):
    """Appends one event; flushed at once, so the events before a crash are kept."""
    if _state['record_file'] is None:
        target = os.environ.get(RECORD_ENV)
        if not target:
            return
        _state['record_file'] = open(target, 'a', encoding='utf-8')
    _state['seq'] += 1
    event = {'seq': _state['seq'], 'op': op, 'path': path}
    if op == 'call':
        event['args'] = jsonable(list(args))
        event['kwargs'] = jsonable(kwargs or {})
    event.update({key: jsonable(value) for key, value in extra.items()})
    _state['record_file'].write(json.dumps(event) + '\n')
    _state['record_file'].flush()


class Row(tuple):
    """pyspark.sql.Row: a tuple whose fields can also be read by name."""

    def __new__(cls, *values, **fields):
        if fields:
            row = tuple.__new__(cls, fields.values())
            row.__fields__ = list(fields)
        else:
            row = tuple.__new__(cls, values)
            row.__fields__ = None
        return row

    def asDict(self, recursive=False):
        if self.__fields__ is None:
            raise TypeError('Cannot convert a Row class into dict')
        return dict(zip(self.__fields__, self))

    def __getitem__(self, item):
        if isinstance(item, str):
            return self.asDict()[item]
        return tuple.__getitem__(self, item)

    def __getattr__(self, name):
        if name.startswith('__') or self.__fields__ is None or name not in self.__fields__:
            raise AttributeError(name)
        return self[name]


# What a frame holds when the world says nothing about it: no columns, no rows.
EMPTY_FRAME = {'columns': [], 'count': 0, 'rows': []}


def frame_data(data):
    rows = [Row(**row) if isinstance(row, dict) else Row(*row) for row in data.get('rows', [])]
    return {'columns': list(data.get('columns', [])), 'count': data.get('count', len(rows)), 'rows': rows}


def default_frame():
    return frame_data(world().get('frame_defaults', EMPTY_FRAME))


def datasets_at(paths):
    """The world's datasets at or below each path; None for a path that holds none."""
    datasets = world().get('datasets', {})
    found = {}
    for path in paths:
        prefix = path.rstrip('/') + '/'
        matches = [key for key in datasets if key == path or key.startswith(prefix)]
        found[path] = [frame_data(datasets[key]) for key in sorted(matches)] or None
    return found


def combined(frames):
    if not frames:
        return frame_data(EMPTY_FRAME)
    rows = [row for frame in frames for row in frame['rows']]
    return {'columns': frames[0]['columns'], 'count': sum(frame['count'] for frame in frames), 'rows': rows}


# Spark's reader and writer methods that read or write data; every other method of theirs only configures the chain.
READ_TERMINALS = {'parquet', 'json', 'csv', 'text', 'orc', 'load', 'table'}
WRITE_TERMINALS = {
    'parquet', 'json', 'csv', 'text', 'orc', 'save', 'saveAsTable', 'insertInto', 'jdbc',  # DataFrameWriter
    'create', 'replace', 'createOrReplace', 'append', 'overwrite', 'overwritePartitions',  # DataFrameWriterV2
}
# Calls whose result is one of the well-known objects a script builds, by the root of the called path.
PRODUCTS = {
    'SparkContext': ('sc', 'object'),
    'SparkSession': ('spark', 'session'),
    'GlueContext': ('glue_context', 'glue_context'),
    'Job': ('job', 'job'),
}


class Recorder:
    """Any object of the stand-in libraries. `_kind` selects the few configured answers; everything else records."""
    __slots__ = ('_path', '_kind', '_data', '_parent', '_name')

    def __init__(self, path, kind='object', data=None, parent=None, name=None):
        self._path = path
        self._kind = kind
        self._data = data
        self._parent = parent
        self._name = name

    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        path = f'{self._path}.{name}'
        record('get', path)
        if self._kind == 'frame':
            if name == 'columns':
                return list(self._data['columns'])
            if name == 'dtypes':
                return [(column, 'string') for column in self._data['columns']]
            if name == 'write':
                return Recorder(path, 'writer', data=[])
            if name == 'rdd':
                return Recorder(path, 'frame', data=self._data)
        if self._kind == 'session' and name == 'read':
            return Recorder(path, 'reader', data=[])
        if self._kind == 'glue_context':
            if name == 'spark_session':
                return Recorder('spark', 'session')
            if name == 'create_dynamic_frame':
                return Recorder(path, 'dynamic_reader')
            if name == 'write_dynamic_frame':
                return Recorder(path, 'dynamic_writer')
        return Recorder(path, 'method', data=self._data, parent=self, name=name)

    def __call__(self, *args, **kwargs):
        return _dispatch(self, args, kwargs)

    # Column expressions: every operator records and gives another column.
    def _operator(self, operator, *operands):
        record('call', f'{self._path}.{operator}', operands)
        return Recorder(f'{self._path}.{operator}()', 'column')

    def __eq__(self, other):
        return self._operator('__eq__', other)

    def __ne__(self, other):
        return self._operator('__ne__', other)

    def __lt__(self, other):
        return self._operator('__lt__', other)

    def __le__(self, other):
        return self._operator('__le__', other)

    def __gt__(self, other):
        return self._operator('__gt__', other)

    def __ge__(self, other):
        return self._operator('__ge__', other)

    def __and__(self, other):
        return self._operator('__and__', other)

    def __rand__(self, other):
        return self._operator('__rand__', other)

    def __or__(self, other):
        return self._operator('__or__', other)

    def __ror__(self, other):
        return self._operator('__ror__', other)

    def __invert__(self):
        return self._operator('__invert__')

    def __neg__(self):
        return self._operator('__neg__')

    def __add__(self, other):
        return self._operator('__add__', other)

    def __radd__(self, other):
        return self._operator('__radd__', other)

    def __sub__(self, other):
        return self._operator('__sub__', other)

    def __rsub__(self, other):
        return self._operator('__rsub__', other)

    def __mul__(self, other):
        return self._operator('__mul__', other)

    def __rmul__(self, other):
        return self._operator('__rmul__', other)

    def __truediv__(self, other):
        return self._operator('__truediv__', other)

    def __mod__(self, other):
        return self._operator('__mod__', other)

    def __getitem__(self, item):
        return self._operator('__getitem__', item)

    __hash__ = object.__hash__

    def __iter__(self):
        # As in PySpark: neither a Column nor a DataFrame is iterable (without this, __getitem__ would make it so).
        raise TypeError(f'{self._path} is not iterable')

    def __bool__(self):
        if self._kind == 'column':
            raise ValueError(f'Cannot convert column into bool: {self._path}')
        return True

    def __repr__(self):
        return f'<stand-in {self._path}>'

    __str__ = __repr__


def _paths_of(args, kwargs, key='path'):
    target = args[0] if args else kwargs.get(key, kwargs.get('paths'))
    if target is None:
        return []
    return [target] if isinstance(target, str) else list(target)


def _read(path, name, args, kwargs, chain):
    from pyspark.errors import AnalysisException  # the stand-in's, resolved late to avoid an import cycle
    sources = [args[0]] if name == 'table' else _paths_of(args, kwargs)
    record('call', path, args, kwargs, read={'format': name, 'paths': sources, 'chain': chain})
    found = datasets_at(sources)
    for source in sources:
        if found[source] is None:
            if name == 'table':
                raise AnalysisException(f'[TABLE_OR_VIEW_NOT_FOUND] The table or view `{source}` cannot be found.')
            raise AnalysisException(f'[PATH_NOT_FOUND] Path does not exist: {source}.')
    return Recorder(f'{path}()', 'frame', data=combined([frame for source in sources for frame in found[source]]))


def _read_dynamic(path, name, args, kwargs):
    options = kwargs.get('connection_options') or {}
    if name == 'from_catalog':
        sources = [f"{kwargs.get('database')}.{kwargs.get('table_name')}"]
    else:
        sources = list(options.get('paths', []))
    record('call', path, args, kwargs, read={'format': kwargs.get('format', name), 'paths': sources, 'chain': []})
    # With no (new) files a DynamicFrame is empty, not an error; its DataFrame has no columns.
    found = datasets_at(sources)
    return Recorder(f'{path}()', 'frame', data=combined([frame for source in sources for frame in found[source] or []]))


def _frame_action(receiver, name, args, kwargs):
    data = receiver._data
    rows = data['rows']
    answers = {
        'count': lambda: data['count'],
        'collect': lambda: list(rows),
        'first': lambda: rows[0] if rows else None,
        'head': lambda n=None: (rows[0] if rows else None) if n is None else rows[:n],
        'take': lambda n: rows[:n],
        'isEmpty': lambda: data['count'] == 0,
        'toLocalIterator': lambda: iter(list(rows)),
    }
    return answers[name](*args, **kwargs)


def _dispatch(callee, args, kwargs):
    path, kind, parent, name = callee._path, callee._kind, callee._parent, callee._name
    root = path.split('.')[0].split('(')[0]
    parent_kind = parent._kind if parent is not None else None

    if kind == 'function':  # pyspark.sql.functions.<any>, pyspark.sql.types.<any>
        record('call', path, args, kwargs)
        return Recorder(f'{path}()', callee._data)
    if root in PRODUCTS and (path == root or name == 'getOrCreate'):
        record('call', path, args, kwargs)
        product, product_kind = PRODUCTS[root]
        return Recorder(product, product_kind)
    if parent_kind == 'frame_class' and args and isinstance(args[0], Recorder) and args[0]._kind == 'frame':
        # DataFrame.unionByName(left, right), as in reduce(DataFrame.unionByName, frames): left.unionByName(right).
        return getattr(args[0], name)(*args[1:], **kwargs)
    if parent_kind == 'reader':
        if name in READ_TERMINALS:
            return _read(path, name, args, kwargs, parent._data)
        record('call', path, args, kwargs)
        return Recorder(f'{path}()', 'reader', data=parent._data + [{'method': name, 'args': jsonable(list(args)), 'kwargs': jsonable(kwargs)}])
    if parent_kind == 'writer':
        if name in WRITE_TERMINALS:
            record('call', path, args, kwargs, write={'format': name, 'paths': _paths_of(args, kwargs), 'chain': parent._data})
            return None
        record('call', path, args, kwargs)
        return Recorder(f'{path}()', 'writer', data=parent._data + [{'method': name, 'args': jsonable(list(args)), 'kwargs': jsonable(kwargs)}])
    if parent_kind == 'dynamic_reader':
        return _read_dynamic(path, name, args, kwargs)
    if parent_kind == 'dynamic_writer':
        record('call', path, args, kwargs, write={'format': kwargs.get('format', name), 'paths': [], 'chain': []})
        return None
    if parent_kind == 'job':
        return parent_job_call(parent, name, args, kwargs)
    if parent_kind == 'session':
        record('call', path, args, kwargs)
        if name == 'sql':
            return Recorder(f'{path}()', 'frame', data=default_frame())
        if name == 'createDataFrame':
            data = args[0] if args else kwargs.get('data', [])
            count = len(data) if isinstance(data, (list, tuple)) else 0
            return Recorder(f'{path}()', 'frame', data={'columns': [], 'count': count, 'rows': []})
        if name == 'table':
            return _read(path, name, args, kwargs, [])
        return Recorder(f'{path}()')
    if parent_kind == 'frame':
        if name in ('count', 'collect', 'first', 'head', 'take', 'isEmpty', 'toLocalIterator'):
            record('call', path, args, kwargs)
            return _frame_action(parent, name, args, kwargs)
        if name == 'writeTo':
            record('call', path, args, kwargs)
            return Recorder(f'{path}()', 'writer', data=[{'method': name, 'args': jsonable(list(args)), 'kwargs': {}}])
        if name == 'createOrReplaceTempView':
            record('call', path, args, kwargs)
            return None
        record('call', path, args, kwargs)
        data = parent._data
        if name in ('union', 'unionAll', 'unionByName') and args and isinstance(args[0], Recorder) and args[0]._kind == 'frame':
            other = args[0]._data
            data = {'columns': data['columns'] or other['columns'], 'count': data['count'] + other['count'],
                    'rows': data['rows'] + other['rows']}
        # Transformations (select, where, cache, toDF...) keep the rows the world gave.
        return Recorder(f'{path}()', 'frame', data=data)
    if parent_kind == 'column':
        record('call', path, args, kwargs)
        return Recorder(f'{path}()', 'column')
    if parent_kind == 'method' and parent._parent is not None and parent._parent._kind == 'frame':
        # frame.na.fill(...), frame.stat...: still the frame's rows.
        record('call', path, args, kwargs)
        return Recorder(f'{path}()', 'frame', data=parent._data)
    record('call', path, args, kwargs)
    return Recorder(f'{path}()')


def parent_job_call(job, name, args, kwargs):
    """awsglue.job.Job: commit without init fails, as the real one does (it has no job to commit)."""
    path = f'{job._path}.{name}'
    record('call', path, args, kwargs)
    if name == 'init':
        job._data = {'initialized': True}
        return None
    if name == 'commit':
        if not (job._data or {}).get('initialized'):
            raise RuntimeError('job.commit() before job.init()')
        return None
    return Recorder(f'{path}()')


def module_recorder(prefix, name, product_kind='object'):
    """A module-level `__getattr__` answer: any name the stand-in module does not define is a recording callable."""
    if name.startswith('__'):
        raise AttributeError(f'module {prefix!r} has no attribute {name!r}')
    return Recorder(f'{prefix}.{name}', 'function', data=product_kind)
